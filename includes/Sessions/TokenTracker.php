<?php
/**
 * Keeps the index in step with the tokens in use and WooCommerce POS's sessions.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Events\Recorder;
use AuthSentinel\Events\TokenInspector;
use AuthSentinel\Guards;

defined( 'ABSPATH' ) || exit;

/**
 * Lists a token that signed a user in (only one a secret the site holds verifies; at most
 * every SEEN_EVERY seconds per token, the newest MAX_TOKENS per user, lifetimes clamped), and
 * mirrors WooCommerce POS's session meta. Every write is guarded.
 *
 * @since 0.1.0
 */
class TokenTracker {

	use GuardedWrites;

	/**
	 * Per-user meta of the tokens seen: fingerprint => last write time (bounded).
	 */
	const SEEN_META = 'auth_sentinel_seen_tokens';

	/**
	 * The most tokens in use listed per user.
	 */
	const MAX_TOKENS = 20;

	/**
	 * The longest a listed token is taken to live (a later `exp` is absurd).
	 */
	const LONGEST_LIFE = 365 * DAY_IN_SECONDS;

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
	 * The revocation in progress, if any.
	 *
	 * @var RevocationContext
	 */
	private $context;

	/**
	 * Creates the tracker.
	 *
	 * @param SessionIndex           $index        The index.
	 * @param CredentialFingerprints $fingerprints The fingerprints.
	 * @param RevocationContext      $context      The revocation in progress, if any.
	 */
	public function __construct( SessionIndex $index, CredentialFingerprints $fingerprints, RevocationContext $context ) {
		$this->index        = $index;
		$this->fingerprints = $fingerprints;
		$this->context      = $context;
	}

	/**
	 * A token signed a user in: list it (the times are kept in a small user meta WordPress has
	 * already loaded with the user, so a token seen lately costs nothing).
	 *
	 * @param int                  $user_id The user.
	 * @param string               $token   The raw token (only fingerprinted).
	 * @param array<string, mixed> $claims  Its decoded claims.
	 * @param string               $label   The plugin that issued it.
	 * @return void
	 */
	public function seen( int $user_id, string $token, array $claims, string $label ): void {
		if ( ! empty( $claims['refresh_jti'] ) ) {
			return; // A WCPOS access token: its session is listed, and WCPOS records its use.
		}
		$fp   = $this->fingerprints->token( $token );
		$seen = get_user_meta( $user_id, self::SEEN_META, true );
		$seen = is_array( $seen ) ? $seen : array();
		if ( isset( $seen[ $fp ] ) && time() - (int) $seen[ $fp ] < Guards::SEEN_EVERY ) {
			return;
		}
		$this->guard(
			function () use ( $user_id, $fp, $claims, $label, $seen ) {
				$now         = time();
				$seen[ $fp ] = $now;
				arsort( $seen );
				update_user_meta( $user_id, self::SEEN_META, array_slice( $seen, 0, self::MAX_TOKENS, true ) );
				$iat = isset( $claims['iat'] ) && is_numeric( $claims['iat'] ) ? (int) $claims['iat'] : $now;
				$exp = isset( $claims['exp'] ) && is_numeric( $claims['exp'] ) ? (int) $claims['exp'] : null;
				if ( null !== $exp && $exp > $now + self::LONGEST_LIFE ) {
					$exp = $now + self::LONGEST_LIFE; // An absurd expiry: listed as if it ended in a year.
				}
				$this->index->upsert(
					array(
						'type'       => 'token',
						'fp'         => $fp,
						'user_id'    => $user_id,
						'created'    => min( $iat, $now ),
						'expires'    => $exp,
						'last_seen'  => $now,
						'ip'         => Recorder::client_ip(),
						'user_agent' => Recorder::user_agent(),
						'label'      => $label,
						'ref'        => isset( $claims['jti'] ) && is_scalar( $claims['jti'] ) ? (string) $claims['jti'] : '',
					)
				);
				// A bounded list per user: the tokens seen longest ago drop out of it.
				$this->index->keep_newest( $user_id, 'token', self::MAX_TOKENS );
			}
		);
	}

	/**
	 * Tells whether the site saw a token in use before (so that a token no secret verifies any
	 * more can still be shown to be genuine): the token itself, or its WCPOS session.
	 *
	 * @param string $token The raw token.
	 * @return bool
	 */
	public function seen_before( string $token ): bool {
		try {
			foreach ( array( $this->fingerprints->token( $token ), $this->fingerprints->legacy_token( $token ) ) as $fp ) {
				if ( null !== $this->index->find_fp( 'token', $fp ) ) {
					return true;
				}
			}
			$decoded = ( new TokenInspector() )->decode( $token );
			foreach ( array( 'refresh_jti', 'jti' ) as $claim ) {
				$jti = $decoded['claims'][ $claim ] ?? null;
				if ( is_string( $jti ) && '' !== $jti && null !== $this->index->find_fp( 'wcpos', $this->fingerprints->wcpos( $jti ) ) ) {
					return true;
				}
			}
		} catch ( \Throwable $e ) {
			unset( $e );
		}
		return false;
	}

	/**
	 * WCPOS's session meta changed (the hook table's guard checks the key): index what is
	 * there, end what is gone.
	 *
	 * @param mixed $meta_id  Unused.
	 * @param int   $user_id  The user.
	 * @param mixed $meta_key The key.
	 * @return void
	 */
	public function wcpos_meta_changed( $meta_id, $user_id, $meta_key ): void {
		unset( $meta_id );
		if ( Guards::WCPOS_META !== $meta_key ) {
			return;
		}
		$this->guard(
			function () use ( $user_id ) {
				$this->sync_wcpos( (int) $user_id );
			}
		);
	}

	/**
	 * Indexes one user's WCPOS sessions and ends the rows of those gone.
	 *
	 * @param int $user_id The user.
	 * @return void
	 */
	public function sync_wcpos( int $user_id ): void {
		wp_cache_delete( $user_id, 'user_meta' );
		$sessions = get_user_meta( $user_id, Guards::WCPOS_META, true );
		$sessions = is_array( $sessions ) ? $sessions : array();
		$live     = array();
		foreach ( $sessions as $jti => $session ) {
			if ( ! is_array( $session ) ) {
				continue;
			}
			$fp     = $this->fingerprints->wcpos( (string) $jti );
			$live[] = $fp;
			$device = isset( $session['device_info'] ) && is_array( $session['device_info'] ) ? $session['device_info'] : array();
			$this->index->upsert(
				array(
					'type'       => 'wcpos',
					'fp'         => $fp,
					'user_id'    => $user_id,
					'created'    => (int) ( $session['created'] ?? time() ),
					'expires'    => (int) ( $session['expires'] ?? 0 ),
					'last_seen'  => (int) ( $session['last_active'] ?? $session['created'] ?? time() ),
					'ip'         => (string) ( $session['ip_address'] ?? '' ),
					'user_agent' => (string) ( $session['user_agent'] ?? '' ),
					'label'      => 'WCPOS' . ( ! empty( $device['device_type'] ) && 'unknown' !== $device['device_type'] ? ' (' . sanitize_key( (string) $device['device_type'] ) . ')' : '' ),
					'ref'        => (string) $jti,
				)
			);
		}
		$by     = $this->context->by();
		$reason = $this->context->reason( 0 === $by ? 'expired' : ( $by === $user_id ? 'user' : 'admin' ) );
		$this->index->end(
			array(
				'user_id' => $user_id,
				'type'    => 'wcpos',
			),
			$reason,
			$by,
			$live
		);
	}
}
