<?php
/**
 * Wires the sessions inventory, revocation, token enforcement and policies.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Http\Request;
use AuthSentinel\Plugin;
use AuthSentinel\Rest\Routes;

defined( 'ABSPATH' ) || exit;

/**
 * Builds the sessions domain's objects and hooks them. On a request that signs nobody in and
 * carries no Bearer token, this costs the hooks and nothing else.
 *
 * @since 0.1.0
 */
class SessionsModule {

	/**
	 * The hourly upkeep: index the sessions made while the plugin was off, forget the ended.
	 */
	const CRON_HOOK = 'auth_sentinel_sessions_upkeep';

	/**
	 * Option holding the reindex cursor: {key, after}; absent when done.
	 */
	const REINDEX_OPTION = 'auth_sentinel_sessions_reindex';

	/**
	 * The meta keys reindexed, in order.
	 */
	const REINDEX_KEYS = array( 'session_tokens', '_application_passwords', Tracker::WCPOS_META );

	/**
	 * How long ended rows stay (to explain later failures), in days.
	 */
	const KEEP_ENDED_DAYS = 30;

	/**
	 * The plugin.
	 *
	 * @var Plugin
	 */
	private $plugin;

	/**
	 * The index.
	 *
	 * @var SessionIndex
	 */
	private $index;

	/**
	 * The tracker.
	 *
	 * @var Tracker|null
	 */
	private $tracker;

	/**
	 * Token refusals.
	 *
	 * @var Revocations|null
	 */
	private $revocations;

	/**
	 * The revoker.
	 *
	 * @var Revoker|null
	 */
	private $revoker;

	/**
	 * The token gate.
	 *
	 * @var TokenGate|null
	 */
	private $gate;

	/**
	 * The request the gate judges.
	 *
	 * @var Request|null
	 */
	private $gate_request;

	/**
	 * The policies.
	 *
	 * @var Policies|null
	 */
	private $policies;

	/**
	 * Keeps the plugin.
	 *
	 * @param Plugin $plugin The plugin.
	 */
	public function __construct( Plugin $plugin ) {
		$this->plugin = $plugin;
		$this->index  = new SessionIndex();
	}

	/**
	 * Returns the index.
	 *
	 * @return SessionIndex
	 */
	public function index(): SessionIndex {
		return $this->index;
	}

	/**
	 * Returns the tracker.
	 *
	 * @return Tracker
	 */
	public function tracker(): Tracker {
		if ( null === $this->tracker ) {
			$this->tracker = new Tracker( $this->index, $this->plugin->fingerprinter(), $this->plugin->auditor() );
		}
		return $this->tracker;
	}

	/**
	 * Returns the token refusals.
	 *
	 * @return Revocations
	 */
	public function revocations(): Revocations {
		if ( null === $this->revocations ) {
			$this->revocations = new Revocations( $this->plugin->fingerprinter() );
		}
		return $this->revocations;
	}

	/**
	 * Returns the revoker.
	 *
	 * @return Revoker
	 */
	public function revoker(): Revoker {
		if ( null === $this->revoker ) {
			$this->revoker = new Revoker( $this->index, $this->tracker(), $this->revocations(), $this->plugin->auditor(), new IssuerSessions() );
		}
		return $this->revoker;
	}

	/**
	 * Returns the token gate of the current request (a process that serves several requests,
	 * or reads forged ones, gets a fresh gate for each: its verdict is the request's).
	 *
	 * @return TokenGate
	 */
	private function gate(): TokenGate {
		$request = Request::current();
		if ( null === $this->gate || $this->gate_request !== $request ) {
			$this->gate_request = $request;
			$this->gate         = new TokenGate(
				$this->revocations(),
				$this->tracker(),
				$request,
				function ( string $token, array $fact, array $claims, array $users ) {
					$this->plugin->events()->capture()->token_refused( $token, $fact, $claims, $users );
				}
			);
		}
		return $this->gate;
	}

	/**
	 * Returns the policies.
	 *
	 * @return Policies
	 */
	private function policies(): Policies {
		if ( null === $this->policies ) {
			$this->policies = new Policies( $this->revoker(), $this->index, $this->tracker(), $this->plugin->auditor() );
		}
		return $this->policies;
	}

	/**
	 * Hooks the module.
	 *
	 * @return void
	 */
	public function register(): void {
		add_filter(
			'session_token_manager',
			function ( $manager ) {
				if ( 'WP_User_Meta_Session_Tokens' !== $manager ) {
					return $manager;
				}
				SessionTokens::$tracker = $this->tracker();
				return SessionTokens::class;
			},
			// Late: a plugin that brings its own session storage (Redis…) keeps it; this one then only misses the index.
			1000
		);
		add_filter(
			'attach_session_information',
			function ( $info ) {
				return $this->tracker()->creating( $info );
			},
			1000
		);
		add_action(
			'auth_cookie_valid',
			function ( $elements, $user ) {
				$this->tracker()->cookie_valid( $elements, $user );
			},
			10,
			2
		);
		add_action(
			'wp_create_application_password',
			function ( $user_id, $item ) {
				$this->tracker()->app_password_created( $user_id, $item );
			},
			10,
			2
		);
		add_action(
			'wp_update_application_password',
			function ( $user_id, $item ) {
				$this->tracker()->app_password_updated( $user_id, $item );
			},
			10,
			2
		);
		add_action(
			'wp_delete_application_password',
			function ( $user_id, $item ) {
				$this->tracker()->app_password_deleted( $user_id, $item );
			},
			10,
			2
		);
		add_action(
			'application_password_did_authenticate',
			function ( $user, $item ) {
				$this->tracker()->app_password_used( $user, $item );
			},
			10,
			2
		);
		foreach ( array( 'added_user_meta', 'updated_user_meta', 'deleted_user_meta' ) as $hook ) {
			add_action(
				$hook,
				function ( $meta_id, $user_id, $meta_key ) {
					if ( Tracker::WCPOS_META === $meta_key ) {
						$this->tracker()->wcpos_meta_changed( $meta_id, $user_id, $meta_key );
					}
				},
				10,
				3
			);
		}
		add_action(
			'deleted_user',
			function ( $user_id ) {
				$this->tracker()->user_deleted( $user_id );
			}
		);

		// The gate: after every token plugin (they sign in at priorities 0–99). Built only for a
		// request that carries a token in some form an issuer accepts: others pay a few lookups.
		add_filter(
			'determine_current_user',
			function ( $user_id ) {
				return Request::current()->carries_token() ? $this->gate()->determine_current_user( $user_id ) : $user_id;
			},
			1000
		);
		add_filter(
			'rest_authentication_errors',
			function ( $result ) {
				return Request::current()->carries_token() ? $this->gate()->rest_authentication_errors( $result ) : $result;
			},
			1000
		);
		add_filter(
			'rest_pre_dispatch',
			function ( $result, $server = null, $request = null ) {
				return Request::current()->carries_token() || self::body_token( $request ) ? $this->gate()->rest_pre_dispatch( $result, $server, $request ) : $result;
			},
			1000,
			3
		);
		// What the failures capture asks about a credential that ended.
		add_filter(
			'auth_sentinel_credential_ended',
			function ( $fact, $type, $fp ) {
				return $this->ended( $fact, (string) $type, (string) $fp );
			},
			10,
			3
		);
		// Policies.
		add_action(
			'auth_sentinel_password_changed',
			function ( $user_id ) {
				$this->policies()->password_changed( (int) $user_id );
			}
		);
		add_action(
			'profile_update',
			function ( $user_id, $old_user = null ) {
				$this->policies()->profile_updated( $user_id, $old_user );
			},
			20,
			2
		);
		add_action(
			'set_user_role',
			function ( $user_id, $role, $old_roles ) {
				$this->policies()->role_set( $user_id, $role, $old_roles );
			},
			10,
			3
		);
		add_action(
			'auth_sentinel_session_created',
			function ( $user_id ) {
				$this->policies()->session_created( (int) $user_id );
			}
		);

		add_action( self::CRON_HOOK, array( $this, 'upkeep' ) );
		add_action( 'admin_init', array( self::class, 'schedule' ) );
		add_action(
			'rest_api_init',
			function () {
				if ( Routes::needed() ) {
					( new SessionsController( $this->index, $this->revoker(), $this->tracker(), new Reauthentication( $this->plugin->auditor() ) ) )->register_routes();
				}
			}
		);
		if ( is_admin() ) {
			( new UserLinks( $this->index ) )->register();
		}
	}

	/**
	 * Tells whether a REST request's JSON body names a token parameter (the refresh routes take
	 * one there), without decoding anything.
	 *
	 * @param mixed $request The REST request.
	 * @return bool
	 */
	private static function body_token( $request ): bool {
		return $request instanceof \WP_REST_Request && array() !== Request::current()->tokens( $request );
	}

	/**
	 * Answers the failures capture: who ended a credential, and why.
	 *
	 * @param mixed  $fact What another listener found.
	 * @param string $type cookie (fp of the verifier) or app_password_secret (fp of the password).
	 * @param string $fp   The fingerprint.
	 * @return array{at: int, by: int, reason: string}|mixed
	 */
	private function ended( $fact, string $type, string $fp ) {
		if ( null !== $fact ) {
			return $fact;
		}
		$row = 'app_password_secret' === $type ? $this->index->find_secret( $fp ) : $this->index->find_fp( $type, $fp );
		if ( ! $row || 'active' === $row['status'] ) {
			return null;
		}
		return array(
			'at'     => null === $row['ended_at'] ? 0 : (int) strtotime( $row['ended_at'] . ' UTC' ),
			'by'     => (int) $row['ended_by'],
			'reason' => (string) $row['ended_reason'],
		);
	}

	/**
	 * Counts the live sessions of every kind (cookies, application passwords, token sessions).
	 *
	 * @return int
	 */
	public function count_active(): int {
		return $this->index->count_active();
	}

	/**
	 * Tells whether a token was revoked here (deny list or a not-before time after its `iat`).
	 *
	 * @param string $token The raw token; only fingerprinted and decoded, never stored.
	 * @return array{at: int, by: int, reason: string}|null Null when it is not revoked.
	 */
	public function token_revocation( string $token ): ?array {
		try {
			return $this->gate()->revocation_of( $token );
		} catch ( \Throwable $e ) {
			return null;
		}
	}

	/**
	 * Tells whether every token of a user was refused here (a not-before time of the user, the
	 * site or the network), for a credential that carries no issue time (a refresh cookie).
	 *
	 * @param int $user_id The user.
	 * @return array{at: int, by: int, reason: string}|null
	 */
	public function user_revocation( int $user_id ): ?array {
		try {
			return $this->revocations()->check( '', array(), array( $user_id ) );
		} catch ( \Throwable $e ) {
			return null;
		}
	}

	/**
	 * Tells whether the site saw a token in use before (so that a token no secret verifies any
	 * more can still be shown to be genuine): the token itself, or its WCPOS session.
	 *
	 * @param string $token The raw token.
	 * @return bool
	 */
	public function token_seen( string $token ): bool {
		try {
			$fingerprinter = $this->plugin->fingerprinter();
			foreach ( array( $fingerprinter->token( $token ), $fingerprinter->fingerprint( 'token', $token ) ) as $fp ) {
				if ( null !== $this->index->find_fp( 'token', $fp ) ) {
					return true;
				}
			}
			$decoded = ( new \AuthSentinel\Events\TokenInspector() )->decode( $token );
			foreach ( array( 'refresh_jti', 'jti' ) as $claim ) {
				$jti = $decoded['claims'][ $claim ] ?? null;
				if ( is_string( $jti ) && '' !== $jti && null !== $this->index->find_fp( 'wcpos', $this->tracker()->wcpos_fp( $jti ) ) ) {
					return true;
				}
			}
		} catch ( \Throwable $e ) {
			unset( $e );
		}
		return false;
	}

	/**
	 * Indexes the sessions that exist at activation (the first batches; the upkeep finishes).
	 *
	 * @return void
	 */
	public function activate(): void {
		update_option(
			self::REINDEX_OPTION,
			array(
				'key'   => 0,
				'after' => 0,
			),
			false
		);
		$this->reindex( 10 );
	}

	/**
	 * Continues the reindex for a few batches.
	 *
	 * @param int $batches How many batches of 500 users at most.
	 * @return bool Whether the reindex is finished.
	 */
	public function reindex( int $batches ): bool {
		$cursor = get_option( self::REINDEX_OPTION );
		if ( ! is_array( $cursor ) ) {
			return true;
		}
		$key   = (int) ( $cursor['key'] ?? 0 );
		$after = (int) ( $cursor['after'] ?? 0 );
		$keys  = count( self::REINDEX_KEYS );
		for ( $i = 0; $i < $batches && $key < $keys; $i++ ) {
			$after = $this->tracker()->reindex( self::REINDEX_KEYS[ $key ], $after );
			if ( 0 === $after ) {
				++$key;
			}
		}
		if ( $key >= $keys ) {
			delete_option( self::REINDEX_OPTION );
			return true;
		}
		update_option(
			self::REINDEX_OPTION,
			array(
				'key'   => $key,
				'after' => $after,
			),
			false
		);
		return false;
	}

	/**
	 * The hourly upkeep: finish a reindex, forget rows ended long ago.
	 *
	 * @return void
	 */
	public function upkeep(): void {
		$this->reindex( 40 );
		$this->index->prune( time() - self::KEEP_ENDED_DAYS * DAY_IN_SECONDS );
	}

	/**
	 * Makes sure the upkeep is scheduled.
	 *
	 * @return void
	 */
	public static function schedule(): void {
		if ( ! wp_next_scheduled( self::CRON_HOOK ) ) {
			wp_schedule_event( time() + HOUR_IN_SECONDS, 'hourly', self::CRON_HOOK );
		}
	}
}
