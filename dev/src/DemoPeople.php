<?php
/**
 * The demo's users and their credentials.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Dev;

use AuthSentinel\Plugin;

defined( 'ABSPATH' ) || exit;

// The demo draws from mt_rand() so that --seed repeats it; nothing here is a secret.
// phpcs:disable WordPress.WP.AlternativeFunctions.rand_mt_rand

/**
 * Makes the demo's users (managers, cashiers, app users) and gives them credentials through
 * WordPress's own APIs, so that the plugin's sessions index learns of them as it would of
 * real ones: browser sessions through WP_Session_Tokens, application passwords created and
 * used through core, WCPOS sessions in WCPOS's own user meta, tokens through the tracker.
 *
 * @since 0.1.0
 */
class DemoPeople {

	/**
	 * Login prefix of every demo user.
	 */
	const PREFIX = 'demo-';

	/**
	 * User meta marking a demo user (with the prefix, what --remove trusts).
	 */
	const META = 'auth_sentinel_demo';

	/**
	 * Writes the demo's audit rows at their time.
	 *
	 * @var callable
	 */
	private $audit;

	/**
	 * Prints a warning.
	 *
	 * @var callable
	 */
	private $log;

	/**
	 * Credentials made, by kind.
	 *
	 * @var array<string, int>
	 */
	public $made = array(
		'cookie'       => 0,
		'app_password' => 0,
		'wcpos'        => 0,
		'token'        => 0,
	);

	/**
	 * Creates the maker.
	 *
	 * @param callable $audit Writes an audit row: (action, details, target, actor, at, ip, agent).
	 * @param callable $log   Prints a warning.
	 */
	public function __construct( callable $audit, callable $log ) {
		$this->audit = $audit;
		$this->log   = $log;
	}

	/**
	 * Makes the users: about one in ten a manager, half cashiers in three shops, the rest app users.
	 *
	 * @param int      $count    How many.
	 * @param int      $since    When the story starts (Unix time).
	 * @param callable $user_ids Receives each id as it is made, so that a run that stops half way can be removed.
	 * @return array<int, array<string, mixed>> id, login, kind (manager|cashier|app), ip, agent, browser, device, app, shop.
	 */
	public function users( int $count, int $since, callable $user_ids ): array {
		$roles    = array(
			'manager' => get_role( 'shop_manager' ) ? 'shop_manager' : 'editor',
			'cashier' => get_role( 'cashier' ) ? 'cashier' : 'subscriber',
			'app'     => get_role( 'customer' ) ? 'customer' : 'subscriber',
		);
		$managers = max( 1, (int) round( $count / 10 ) );
		$cashiers = max( 1, (int) round( $count / 2 ) );
		$people   = array();
		for ( $i = 0; $i < $count; $i++ ) {
			$kind  = $i < $managers ? 'manager' : ( $i < $managers + $cashiers ? 'cashier' : 'app' );
			$first = DemoData::FIRST[ $i % count( DemoData::FIRST ) ];
			$last  = DemoData::pick( DemoData::LAST );
			$login = self::PREFIX . $first . '.' . $last;
			$n     = 2;
			while ( username_exists( $login ) ) {
				$login = self::PREFIX . $first . '.' . $last . $n;
				++$n;
			}
			$id = wp_insert_user(
				array(
					'user_login'      => $login,
					'user_pass'       => wp_generate_password( 32 ),
					'user_email'      => $login . '@example.com',
					'first_name'      => ucfirst( $first ),
					'last_name'       => ucfirst( $last ),
					'display_name'    => ucfirst( $first ) . ' ' . ucfirst( $last ),
					'role'            => $roles[ $kind ],
					'user_registered' => gmdate( 'Y-m-d H:i:s', $since - mt_rand( 30, 400 ) * DAY_IN_SECONDS ),
				)
			);
			if ( is_wp_error( $id ) ) {
				( $this->log )( sprintf( 'Warning: could not make %s: %s', $login, $id->get_error_message() ) );
				continue;
			}
			update_user_meta( $id, self::META, $kind );
			$user_ids( (int) $id );
			$shop     = mt_rand( 0, 2 );
			$terminal = DemoData::pick( DemoData::TERMINALS );
			$app      = DemoData::pick( DemoData::APPS );
			$people[] = array(
				'id'      => (int) $id,
				'login'   => $login,
				'kind'    => $kind,
				'ip'      => 'cashier' === $kind ? DemoData::shop_ip( $shop ) : DemoData::home_ip(),
				'agent'   => 'cashier' === $kind ? $terminal[0] : DemoData::pick( DemoData::BROWSERS ),
				'browser' => DemoData::pick( DemoData::BROWSERS ),
				'device'  => $terminal,
				'app'     => $app,
				'shop'    => $shop,
			);
		}
		return $people;
	}

	/**
	 * Gives the users their credentials and the sign-ins behind them.
	 *
	 * @param array<int, array<string, mixed>> $people The users.
	 * @param int                              $now    The current time.
	 * @param int                              $days   How far back the story goes.
	 * @return void
	 */
	public function credentials( array $people, int $now, int $days ): void {
		foreach ( $people as $person ) {
			$kind    = (string) $person['kind'];
			$browser = 'manager' === $kind ? mt_rand( 1, 2 ) : (int) ( mt_rand( 1, 100 ) <= ( 'cashier' === $kind ? 30 : 15 ) );
			for ( $i = 0; $i < $browser; $i++ ) {
				$this->browser_session( $person, $now, $days );
			}
			if ( 'cashier' === $kind ) {
				$this->wcpos_sessions( $person, $now, $days, mt_rand( 1, 2 ) );
			}
			if ( 'app' === $kind || ( 'manager' === $kind && mt_rand( 1, 100 ) <= 30 ) ) {
				$this->application_password( $person, 'manager' === $kind ? 'Reports spreadsheet' : (string) $person['app'][1] );
			}
			if ( 'app' === $kind && mt_rand( 1, 100 ) <= 40 ) {
				$this->token( $person, $now );
			}
			$this->past_visits( $person, $now, $days );
		}
	}

	/**
	 * Saves a browser session as core does when someone signs in, at a time in the past.
	 *
	 * @param array<string, mixed> $person The user.
	 * @param int                  $now    The current time.
	 * @param int                  $days   How far back the story goes.
	 * @return void
	 */
	private function browser_session( array $person, int $now, int $days ): void {
		$remember = mt_rand( 0, 1 ) === 1;
		$login    = $now - mt_rand( 5 * MINUTE_IN_SECONDS, ( $remember ? min( $days, 13 ) * DAY_IN_SECONDS : 47 * HOUR_IN_SECONDS ) );
		$agent    = 'cashier' === $person['kind'] ? (string) $person['browser'] : (string) $person['agent'];
		$session  = array(
			'expiration' => $login + ( $remember ? 14 * DAY_IN_SECONDS : 2 * DAY_IN_SECONDS ),
			'ip'         => (string) $person['ip'],
			'ua'         => $agent,
			'login'      => $login,
			'last_seen'  => mt_rand( $login, $now ),
			'last_ip'    => (string) $person['ip'],
		);
		$token    = wp_generate_password( 43, false, false );
		\WP_Session_Tokens::get_instance( (int) $person['id'] )->update( $token, $session );
		$row = Plugin::get( \AuthSentinel\Sessions\SessionIndex::class )->find_fp( 'cookie', Plugin::get( \AuthSentinel\Sessions\CredentialFingerprints::class )->cookie( hash( 'sha256', $token ) ) );
		unset( $token );
		++$this->made['cookie'];

		( $this->audit )( 'sign_in', array( 'method' => 'login_form' ), (int) $person['id'], (int) $person['id'], $login, (string) $person['ip'], $agent );
		( $this->audit )(
			'session_created',
			array(
				'session' => $row ? (int) $row['id'] : 0,
				'type'    => 'cookie',
				'client'  => \AuthSentinel\Events\ClientName::describe( $agent ),
				'expires' => $session['expiration'],
			),
			(int) $person['id'],
			(int) $person['id'],
			$login,
			(string) $person['ip'],
			$agent
		);
	}

	/**
	 * Writes WCPOS refresh sessions in WCPOS's own user meta (the tracker indexes them).
	 *
	 * @param array<string, mixed> $person The user.
	 * @param int                  $now    The current time.
	 * @param int                  $days   How far back the story goes.
	 * @param int                  $count  How many.
	 * @return void
	 */
	private function wcpos_sessions( array $person, int $now, int $days, int $count ): void {
		$sessions = array();
		for ( $i = 0; $i < $count; $i++ ) {
			$created                      = $now - mt_rand( HOUR_IN_SECONDS, max( 2, min( $days, 25 ) ) * DAY_IN_SECONDS );
			$device                       = 0 === $i ? $person['device'] : DemoData::pick( DemoData::TERMINALS );
			$sessions[ DemoData::uuid() ] = array(
				'expires'     => $created + 30 * DAY_IN_SECONDS,
				'created'     => $created,
				'last_active' => mt_rand( $created, $now ),
				'ip_address'  => (string) $person['ip'],
				'user_agent'  => (string) $device[0],
				'device_info' => array(
					'device_type'     => (string) $device[1],
					'browser'         => 'unknown',
					'browser_version' => '',
					'os'              => 'unknown',
					'app_type'        => (string) $device[2],
				),
			);
		}
		update_user_meta( (int) $person['id'], \AuthSentinel\Guards::WCPOS_META, $sessions );
		$this->made['wcpos'] += $count;
	}

	/**
	 * Creates an application password as the user would, and signs in with it once (most times),
	 * through core's own authentication, from the app's address and user agent.
	 *
	 * @param array<string, mixed> $person The user.
	 * @param string               $name   Its name.
	 * @return void
	 */
	private function application_password( array $person, string $name ): void {
		$previous = get_current_user_id();
		wp_set_current_user( (int) $person['id'] );
		$made = Demo::as_client(
			(string) $person['ip'],
			'cashier' === $person['kind'] ? (string) $person['browser'] : (string) $person['agent'],
			static function () use ( $person, $name ) {
				return \WP_Application_Passwords::create_new_application_password( (int) $person['id'], array( 'name' => $name ) );
			}
		);
		wp_set_current_user( $previous );
		if ( is_wp_error( $made ) ) {
			return;
		}
		++$this->made['app_password'];
		if ( mt_rand( 1, 100 ) > 75 ) {
			return; // Made, never used yet.
		}
		$password = $made[0];
		Demo::as_client(
			DemoData::home_ip(),
			(string) $person['app'][0],
			static function () use ( $person, $password ) {
				$api = '__return_true';
				add_filter( 'application_password_is_api_request', $api );
				$_SERVER['PHP_AUTH_PW'] = $password; // The tracker fingerprints it, so that a later use after a revocation is recognised.
				wp_authenticate_application_password( null, (string) $person['login'], $password );
				unset( $_SERVER['PHP_AUTH_PW'] );
				remove_filter( 'application_password_is_api_request', $api );
			}
		);
		unset( $password, $made );
	}

	/**
	 * Lists a token the user's app signed in with, as the token gate does (only its fingerprint is kept).
	 *
	 * @param array<string, mixed> $person The user.
	 * @param int                  $now    The current time.
	 * @return void
	 */
	private function token( array $person, int $now ): void {
		$iat   = $now - mt_rand( HOUR_IN_SECONDS, 5 * DAY_IN_SECONDS );
		$token = 'demo.' . wp_generate_password( 40, false, false ) . '.' . wp_generate_password( 43, false, false );
		Demo::as_client(
			(string) $person['ip'],
			(string) $person['app'][0],
			function () use ( $person, $token, $iat ) {
				Plugin::get( \AuthSentinel\Sessions\TokenTracker::class )->seen(
					(int) $person['id'],
					$token,
					array(
						'iat' => $iat,
						'exp' => $iat + 7 * DAY_IN_SECONDS,
						'jti' => DemoData::uuid(),
					),
					'JWT Auth'
				);
			}
		);
		++$this->made['token'];
	}

	/**
	 * Writes the audit rows of earlier visits: sign-ins and sign-outs over the days of the story.
	 *
	 * @param array<string, mixed> $person The user.
	 * @param int                  $now    The current time.
	 * @param int                  $days   How far back the story goes.
	 * @return void
	 */
	private function past_visits( array $person, int $now, int $days ): void {
		if ( 'app' === $person['kind'] ) {
			return; // Apps sign in with their credentials, not through the form.
		}
		$agent = 'cashier' === $person['kind'] ? (string) $person['browser'] : (string) $person['agent'];
		for ( $day = 1; $day <= $days; $day++ ) {
			if ( mt_rand( 1, 100 ) > ( 'manager' === $person['kind'] ? 60 : 20 ) ) {
				continue;
			}
			$in  = $now - $day * DAY_IN_SECONDS + mt_rand( 0, 10 * HOUR_IN_SECONDS );
			$out = $in + mt_rand( 10 * MINUTE_IN_SECONDS, 6 * HOUR_IN_SECONDS );
			( $this->audit )( 'sign_in', array( 'method' => 'login_form' ), (int) $person['id'], (int) $person['id'], $in, (string) $person['ip'], $agent );
			( $this->audit )(
				'sign_out',
				array(
					'session' => 0,
					'type'    => 'cookie',
					'reason'  => 'signed_out',
				),
				(int) $person['id'],
				(int) $person['id'],
				min( $out, $now ),
				(string) $person['ip'],
				$agent
			);
		}
	}
}
