/**
 * Shapes of `GET /secrets`: the watched secrets and their change history.
 */

/** Which family a watched secret belongs to. */
export type SecretGroup = 'salt' | 'token' | 'site';

/**
 * Where the current value comes from.
 *
 * - `constant`: defined in wp-config.php.
 * - `generated`: WordPress generated it and keeps it in the database, because
 *   the constant is missing, empty, the default phrase or duplicated.
 * - `option`: an ordinary option (site address, WooCommerce POS secrets).
 * - `missing`: set nowhere.
 */
export type SecretSource = 'constant' | 'option' | 'generated' | 'missing';

/** How good the value is. Values themselves are never sent. */
export type SecretStrength =
	'ok' | 'weak' | 'default' | 'duplicate' | 'missing';

/** One watched secret in `GET /secrets`. */
export interface Secret {
	name: string;
	group: SecretGroup;
	source: SecretSource;
	strength: SecretStrength;
	/** ISO 8601; null when no change has been recorded. */
	changed_at: string | null;
	/** ISO 8601; when monitoring first saw this secret, or null. */
	first_seen: string | null;
}

/** One recorded change of one or more secrets in `GET /secrets`. */
export interface SecretChange {
	id: number;
	/** ISO 8601. */
	at: string;
	changed: string[];
	/** Sessions ended by the change, when known. */
	sessions: number | null;
	/** Users those sessions belonged to, when known. */
	users: number | null;
}

/** Response of `GET /auth-sentinel/v1/secrets`. */
export interface SecretsResponse {
	secrets: Secret[];
	/** Newest first. */
	history: SecretChange[];
	/** ISO 8601; when the server last compared the secrets. */
	checked_at: string | null;
}
