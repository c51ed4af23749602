<?php
/**
 * Who ended a credential, and why, for the diagnosis of a later failure.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

defined( 'ABSPATH' ) || exit;

/**
 * Answers the failures capture about a cookie session or an application password that was
 * presented again after it ended: when, by whom, why — from the index row, which stays 30 days.
 *
 * @since 0.1.0
 */
class EndedCredentials {

	/**
	 * The index.
	 *
	 * @var SessionIndex
	 */
	private $index;

	/**
	 * The fingerprints.
	 *
	 * @var CredentialFingerprints
	 */
	private $fingerprints;

	/**
	 * Creates the lookup.
	 *
	 * @param SessionIndex           $index        The index.
	 * @param CredentialFingerprints $fingerprints The fingerprints.
	 */
	public function __construct( SessionIndex $index, CredentialFingerprints $fingerprints ) {
		$this->index        = $index;
		$this->fingerprints = $fingerprints;
	}

	/**
	 * A cookie session, by its session token.
	 *
	 * @param string $token The cookie's session token (only hashed).
	 * @return array{at: int, by: int, reason: string}|null Null when it did not end here.
	 */
	public function cookie( string $token ): ?array {
		return self::fact( $this->index->find_fp( 'cookie', $this->fingerprints->cookie( hash( 'sha256', $token ) ) ) );
	}

	/**
	 * An application password, by the fingerprint of its secret.
	 *
	 * @param string $secret_fp The fingerprint of the password that was tried.
	 * @return array{at: int, by: int, reason: string}|null Null when it did not end here.
	 */
	public function app_password( string $secret_fp ): ?array {
		return self::fact( $this->index->find_secret( $secret_fp ) );
	}

	/**
	 * Reads who ended a row, and why.
	 *
	 * @param array<string, mixed>|null $row The index row.
	 * @return array{at: int, by: int, reason: string}|null
	 */
	private static function fact( ?array $row ): ?array {
		if ( ! $row || 'active' === $row['status'] ) {
			return null;
		}
		return array(
			'at'     => null === $row['ended_at'] ? 0 : (int) strtotime( $row['ended_at'] . ' UTC' ),
			'by'     => (int) $row['ended_by'],
			'reason' => (string) $row['ended_reason'],
		);
	}
}
