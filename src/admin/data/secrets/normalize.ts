/**
 * Checks a `GET /secrets` response and fills optional fields, so the screen
 * never breaks on a missing list or an older server that sends fewer fields.
 * Entries that cannot be understood are dropped rather than guessed.
 */
import { groupOfName } from '../../secrets/known-secrets';
import { countOrNull, idOf, isRecord, oneOf, stringOrNull } from '../guards';
import type {
	Secret,
	SecretChange,
	SecretGroup,
	SecretSource,
	SecretStrength,
	SecretsResponse,
} from './types';

const GROUPS: readonly SecretGroup[] = [ 'salt', 'token', 'site' ];
const SOURCES: readonly SecretSource[] = [
	'constant',
	'option',
	'generated',
	'missing',
];
const STRENGTHS: readonly SecretStrength[] = [
	'ok',
	'weak',
	'default',
	'duplicate',
	'missing',
];

function toSecret( raw: unknown ): Secret | null {
	if (
		! isRecord( raw ) ||
		typeof raw.name !== 'string' ||
		raw.name === ''
	) {
		return null;
	}
	const group = oneOf( raw.group, GROUPS ) ?? groupOfName( raw.name );
	const source = oneOf( raw.source, SOURCES );
	const strength = oneOf( raw.strength, STRENGTHS );
	if ( ! group || ! source || ! strength ) {
		return null;
	}
	return {
		name: raw.name,
		group,
		source,
		strength,
		changed_at: stringOrNull( raw.changed_at ),
		first_seen: stringOrNull( raw.first_seen ),
	};
}

function toChange( raw: unknown, index: number ): SecretChange | null {
	if (
		! isRecord( raw ) ||
		typeof raw.at !== 'string' ||
		! Array.isArray( raw.changed )
	) {
		return null;
	}
	const changed = raw.changed.filter(
		( name ): name is string => typeof name === 'string' && name !== ''
	);
	if ( changed.length === 0 ) {
		return null;
	}
	return {
		id: idOf( raw.id ) ?? -1 - index,
		at: raw.at,
		changed,
		sessions: countOrNull( raw.sessions ),
		users: countOrNull( raw.users ),
	};
}

/**
 * Turns a raw response into a SecretsResponse.
 *
 * @param raw The parsed JSON body.
 * @return The response with every field present.
 */
export function normalizeSecretsResponse( raw: unknown ): SecretsResponse {
	const body = isRecord( raw ) ? raw : {};
	const secrets = Array.isArray( body.secrets ) ? body.secrets : [];
	const history = Array.isArray( body.history ) ? body.history : [];
	return {
		secrets: secrets
			.map( toSecret )
			.filter( ( secret ): secret is Secret => secret !== null ),
		history: history
			.map( toChange )
			.filter( ( change ): change is SecretChange => change !== null ),
		checked_at: stringOrNull( body.checked_at ),
	};
}
