<?php
/**
 * Wires the capture, diagnosis, storage and routes of failures.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Audit\AuditRepository;
use AuthSentinel\Catalog\Catalog;
use AuthSentinel\Secrets\Fingerprinter;
use AuthSentinel\Secrets\SecretFacts;
use AuthSentinel\Secrets\SecretsWatch;
use AuthSentinel\Settings\Settings;
use AuthSentinel\Rest\Routes;

defined( 'ABSPATH' ) || exit;

/**
 * Builds the failures domain's objects and hooks them.
 *
 * @since 0.1.0
 */
class EventsModule {

	/**
	 * The daily pruning cron hook.
	 */
	const PRUNE_HOOK = 'auth_sentinel_prune';

	/**
	 * The failures table.
	 *
	 * @var EventsRepository
	 */
	private $events;

	/**
	 * The catalog.
	 *
	 * @var Catalog
	 */
	private $catalog;

	/**
	 * The secrets watch.
	 *
	 * @var SecretsWatch
	 */
	private $secrets;

	/**
	 * What is known of the secrets' changes.
	 *
	 * @var SecretFacts
	 */
	private $facts;

	/**
	 * Fingerprints credentials.
	 *
	 * @var Fingerprinter
	 */
	private $fingerprinter;

	/**
	 * The audit log.
	 *
	 * @var AuditRepository
	 */
	private $audit;

	/**
	 * Tells whether a token was revoked here (the sessions domain answers).
	 *
	 * @var callable|null
	 */
	private $revocation;

	/**
	 * Tells whether every token of a user was refused here.
	 *
	 * @var callable|null
	 */
	private $user_revocation;

	/**
	 * The capture, built at the first failure.
	 *
	 * @var Capture|null
	 */
	private $capture;

	/**
	 * The password watch, built at the first password change.
	 *
	 * @var PasswordWatch|null
	 */
	private $passwords;

	/**
	 * Where a credential fails: hook => capture method, priority, arguments.
	 */
	const CAPTURE_HOOKS = array(
		'auth_cookie_malformed'                      => array( 'cookie_malformed', 10, 2 ),
		'auth_cookie_expired'                        => array( 'cookie_rejected', 10, 1 ),
		'auth_cookie_bad_username'                   => array( 'cookie_rejected', 10, 1 ),
		'auth_cookie_bad_hash'                       => array( 'cookie_rejected', 10, 1 ),
		'auth_cookie_bad_session_token'              => array( 'cookie_rejected', 10, 1 ),
		'wp_login_failed'                            => array( 'login_failed', 10, 2 ),
		'application_password_failed_authentication' => array( 'application_password_failed', 10, 1 ),
	);

	/**
	 * Keeps what the module needs; builds nothing else until a failure happens, so that a
	 * successful request loads none of the capture and diagnosis code.
	 *
	 * @param SecretsWatch    $secrets       The secrets watch.
	 * @param SecretFacts     $facts         What is known of the secrets' changes.
	 * @param Fingerprinter   $fingerprinter Fingerprints credentials.
	 * @param Catalog         $catalog       The error catalog.
	 * @param AuditRepository $audit         The audit log.
	 * @param callable|null   $revocation    Tells whether a token was revoked here.
	 * @param callable|null   $user_revocation Tells whether every token of a user was refused here.
	 */
	public function __construct( SecretsWatch $secrets, SecretFacts $facts, Fingerprinter $fingerprinter, Catalog $catalog, AuditRepository $audit, ?callable $revocation = null, ?callable $user_revocation = null ) {
		$this->events          = new EventsRepository();
		$this->catalog         = $catalog;
		$this->secrets         = $secrets;
		$this->facts           = $facts;
		$this->fingerprinter   = $fingerprinter;
		$this->audit           = $audit;
		$this->revocation      = $revocation;
		$this->user_revocation = $user_revocation;
	}

	/**
	 * Returns the one token diagnosis (failures and the apps' status endpoint share it).
	 *
	 * @return TokenDiagnosis
	 */
	public function token_diagnosis(): TokenDiagnosis {
		return new TokenDiagnosis( new TokenInspector(), new Issuers(), $this->facts, $this->fingerprinter, $this->revocation, $this->user_revocation );
	}

	/**
	 * Returns the capture, building it the first time.
	 *
	 * @return Capture
	 */
	public function capture(): Capture {
		if ( null === $this->capture ) {
			$issuers       = new Issuers();
			$this->capture = new Capture(
				new Recorder( $this->events, $this->catalog ),
				new CookieDiagnosis( $this->facts, $this->fingerprinter ),
				$this->token_diagnosis(),
				new NonceDiagnosis( $this->facts ),
				$issuers,
				$this->secrets,
				$this->fingerprinter
			);
		}
		return $this->capture;
	}

	/**
	 * Returns the failures table.
	 *
	 * @return EventsRepository
	 */
	public function repository(): EventsRepository {
		return $this->events;
	}

	/**
	 * Returns the password watch, building it the first time.
	 *
	 * @return PasswordWatch
	 */
	private function passwords(): PasswordWatch {
		if ( null === $this->passwords ) {
			$this->passwords = new PasswordWatch( $this->audit );
		}
		return $this->passwords;
	}

	/**
	 * Hooks capture, pruning and the routes.
	 *
	 * @return void
	 */
	public function register(): void {
		foreach ( self::CAPTURE_HOOKS as $hook => list( $method, $priority, $accepted ) ) {
			add_action(
				$hook,
				function ( ...$args ) use ( $method ) {
					// Core fires auth_cookie_malformed for every visitor without a cookie: nothing failed.
					if ( 'cookie_malformed' === $method && empty( $args[0] ) && ! self::has_auth_cookie() ) {
						return;
					}
					$this->capture()->$method( ...$args );
				},
				$priority,
				$accepted
			);
		}
		// Every REST answer passes here: only a refusal builds the capture. Late, so that the
		// answer seen is the one the client gets.
		add_filter(
			'rest_post_dispatch',
			function ( $response, $server = null, $request = null ) {
				if ( $response instanceof \WP_REST_Response && self::is_refusal( $response ) ) {
					$this->capture()->rest_refused( $response, $request );
				}
				return $response;
			},
			999,
			3
		);
		// Simple JWT Login ends its routes' errors with wp_send_json_error(): no REST filter sees
		// them. Its routes' output is kept until shutdown, and a refusal is read from it there.
		add_filter(
			'rest_pre_dispatch',
			function ( $result, $server = null, $request = null ) {
				if ( $request instanceof \WP_REST_Request && Issuers::SIMPLE_JWT_LOGIN === ( new Issuers() )->from_route( $request->get_route() ) ) {
					$this->watch_output( $request );
				}
				return $result;
			},
			0,
			3
		);
		add_action(
			'wp_set_password',
			function ( $password, $user_id ) {
				$this->passwords()->on_set_password( $password, $user_id );
			},
			10,
			2
		);
		add_action(
			'profile_update',
			function ( $user_id, $old_user = null, $userdata = array() ) {
				$this->passwords()->on_profile_update( $user_id, $old_user, $userdata );
			},
			10,
			3
		);
		add_action( self::PRUNE_HOOK, array( $this, 'prune' ) );
		add_action(
			'rest_api_init',
			function () {
				if ( Routes::needed() ) {
					( new EventsController( $this->events, $this->catalog ) )->register_routes();
					( new StatsController( $this->events, $this->catalog, $this->facts ) )->register_routes();
				}
			}
		);
	}

	/**
	 * Tells whether a REST answer refuses a credential: 401 or 403, or any error a token plugin
	 * answers in its own shape (Simple JWT Login: 400 and 500 too, its body rewritten to
	 * {success: false, data: {message, error_code}}; the plugins' codes at any status).
	 *
	 * @param \WP_REST_Response $response The answer.
	 * @return bool
	 */
	private static function is_refusal( \WP_REST_Response $response ): bool {
		$status = $response->get_status();
		if ( in_array( $status, array( 401, 403 ), true ) ) {
			return true;
		}
		if ( $status < 400 ) {
			return false;
		}
		$data = $response->get_data();
		if ( ! is_array( $data ) ) {
			return false;
		}
		if ( false === ( $data['success'] ?? null ) && isset( $data['data'] ) && is_array( $data['data'] ) && ( isset( $data['data']['error_code'] ) || isset( $data['data']['errorCode'] ) ) ) {
			return true;
		}
		$code = isset( $data['code'] ) && is_string( $data['code'] ) ? $data['code'] : '';
		return '' !== $code && '' !== ( new Issuers() )->from_code( $code );
	}

	/**
	 * Keeps a token plugin route's output until shutdown, then records a refusal read from it.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return void
	 */
	private function watch_output( \WP_REST_Request $request ): void {
		$level = ob_get_level();
		if ( ! ob_start() ) {
			return;
		}
		add_action(
			'shutdown',
			function () use ( $request, $level ) {
				if ( ob_get_level() <= $level ) {
					return;
				}
				$output = (string) ob_get_contents();
				$status = (int) http_response_code();
				if ( $status < 400 || strlen( $output ) > 65536 ) {
					return;
				}
				$body = json_decode( $output, true );
				if ( is_array( $body ) && false === ( $body['success'] ?? null ) ) {
					$this->capture()->route_refused( $request->get_route(), $status, $body, $request->get_params() );
				}
			},
			0
		);
	}

	/**
	 * Tells whether the request carries any sign-in cookie.
	 *
	 * @return bool
	 */
	private static function has_auth_cookie(): bool {
		return ! empty( $_COOKIE[ AUTH_COOKIE ] ) || ! empty( $_COOKIE[ SECURE_AUTH_COOKIE ] ) || ! empty( $_COOKIE[ LOGGED_IN_COOKIE ] );
	}

	/**
	 * Deletes failures older than the retention setting, within a time budget; a backlog goes on
	 * in a minute.
	 *
	 * @return int Rows deleted.
	 */
	public function prune(): int {
		$days   = max( 1, (int) Settings::get( 'events_retention_days' ) );
		$result = $this->events->prune( gmdate( 'Y-m-d H:i:s', time() - $days * DAY_IN_SECONDS ) );
		if ( ! $result['done'] ) {
			// A backlog longer than one run may take: the same hook once more, a minute later.
			wp_schedule_single_event( time() + MINUTE_IN_SECONDS, self::PRUNE_HOOK );
		}
		return $result['deleted'];
	}

	/**
	 * Makes sure pruning is scheduled.
	 *
	 * @return void
	 */
	public static function schedule(): void {
		if ( ! wp_next_scheduled( self::PRUNE_HOOK ) ) {
			wp_schedule_event( time() + HOUR_IN_SECONDS, 'daily', self::PRUNE_HOOK );
		}
	}
}
