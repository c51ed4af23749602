<?php
/**
 * The demo's failures: every cause, over days, with a spike after a change of the keys.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Dev;

use AuthSentinel\Catalog\Catalog;
use AuthSentinel\Secrets\Fingerprinter;
use AuthSentinel\Secrets\SecretResolver;

defined( 'ABSPATH' ) || exit;

// The demo draws from mt_rand() so that --seed repeats it; nothing here is a secret.
// phpcs:disable WordPress.WP.AlternativeFunctions.rand_mt_rand

/**
 * Draws failures hour by hour as a shop would see them: more in opening hours; expired tokens
 * and wrong passwords all the time; now and then a revoked session, a guessed login, a token
 * for the staging site; a burst of stripped Authorization headers one afternoon; a user's old
 * credentials failing after a password change; and a spike of broken signatures right after
 * the keys and salts changed. Each row is shaped as the Recorder writes it (server code,
 * diagnosed cause, catalog entry from Catalog::code_for(), token claims, the facts the
 * explanation reads) with an aggregation key that marks it as demo data.
 *
 * @since 0.1.0
 */
class DemoFailures {

	/**
	 * Failures per busy hour, by cause (the rest come in bursts).
	 */
	const RATES = array(
		'expired'         => 1.0,
		'bad_credentials' => 0.6,
		'unknown_user'    => 0.35,
		'revoked'         => 0.12,
		'wrong_site'      => 0.06,
		'corrupted'       => 0.05,
		'plugin_conflict' => 0.04,
		'unknown'         => 0.04,
		'header_stripped' => 0.02,
	);

	/**
	 * The catalog, to file each failure.
	 *
	 * @var Catalog
	 */
	private $catalog;

	/**
	 * Fingerprints the made-up tokens.
	 *
	 * @var Fingerprinter
	 */
	private $fingerprinter;

	/**
	 * The users by kind (manager, cashier, app) and all of them (all).
	 *
	 * @var array<string, array<int, array<string, mixed>>>
	 */
	private $people = array();

	/**
	 * The story: now, since, change_at, changed, passwords (user id => time), revoker, header_at.
	 *
	 * @var array<string, mixed>
	 */
	private $story = array();

	/**
	 * The rows drawn.
	 *
	 * @var array<int, array<string, mixed>>
	 */
	private $rows = array();

	/**
	 * Creates the generator.
	 *
	 * @param Catalog       $catalog       The catalog.
	 * @param Fingerprinter $fingerprinter Fingerprints tokens.
	 */
	public function __construct( Catalog $catalog, Fingerprinter $fingerprinter ) {
		$this->catalog       = $catalog;
		$this->fingerprinter = $fingerprinter;
	}

	/**
	 * Draws the failures.
	 *
	 * @param array<int, array<string, mixed>> $people The users.
	 * @param array<string, mixed>             $story  now, since, change_at, changed (names), passwords, revoker, header_at.
	 * @return array<int, array<string, mixed>> Rows for EventsRepository::upsert().
	 */
	public function make( array $people, array $story ): array {
		$this->story  = $story;
		$this->rows   = array();
		$this->people = array( 'all' => $people );
		foreach ( $people as $person ) {
			$this->people[ (string) $person['kind'] ][] = $person;
		}
		$now    = (int) $story['now'];
		$change = (int) $story['change_at'];
		$last   = intdiv( $now, HOUR_IN_SECONDS );
		for ( $hour = intdiv( (int) $story['since'], HOUR_IN_SECONDS ); $hour <= $last; $hour++ ) {
			$start = $hour * HOUR_IN_SECONDS;
			$busy  = self::busy( $start );
			foreach ( self::RATES as $cause => $rate ) {
				$this->draw( $cause, $rate * $busy, $start, $start );
			}
			if ( $start >= (int) $story['header_at'] && $start < (int) $story['header_at'] + 3 * HOUR_IN_SECONDS ) {
				$this->draw( 'header_stripped', 2.5, $start, $start );
			}
			foreach ( (array) $story['passwords'] as $user_id => $at ) {
				if ( $start + HOUR_IN_SECONDS > $at && $start < $at + 6 * HOUR_IN_SECONDS ) {
					$this->draw( 'password_changed', 1.2, $start, (int) $at, $this->person_by_id( (int) $user_id ) );
				}
			}
			if ( $start + HOUR_IN_SECONDS > $change ) {
				$hours = max( 0, intdiv( $start - $change, HOUR_IN_SECONDS ) );
				$this->draw( 'secret_changed', 20 * exp( -$hours / 4 ) * max( 0.5, $busy ), $start, $change );
			}
		}

		// Every cause at least once within the last day (the Overview's default view, whose
		// legend a newcomer reads first), so that every filter and legend entry has something to
		// show. The rarer causes would otherwise be there on some runs and not on others.
		$day  = max( (int) $story['since'], $now - DAY_IN_SECONDS + HOUR_IN_SECONDS );
		$seen = array();
		foreach ( $this->rows as $row ) {
			if ( (int) $row['hour'] * HOUR_IN_SECONDS >= $day ) {
				$seen[ $row['cause'] ] = true;
			}
		}
		$passwords = (array) $story['passwords'];
		foreach ( Catalog::CAUSES as $cause ) {
			if ( isset( $seen[ $cause ] ) ) {
				continue;
			}
			$after = 'secret_changed' === $cause ? $change : ( 'password_changed' === $cause && $passwords ? (int) reset( $passwords ) : $day );
			$this->incident( $cause, min( $now, max( $after, $day ) + mt_rand( 60, 30 * MINUTE_IN_SECONDS ) ), 'password_changed' === $cause ? $this->person_by_id( (int) key( $passwords ) ) : null );
		}
		return $this->rows;
	}

	/**
	 * Draws the failures of one cause in one hour.
	 *
	 * @param string                    $cause  The cause.
	 * @param float                     $rate   How many on average.
	 * @param int                       $start  The hour's start.
	 * @param int                       $after  Not before this time.
	 * @param array<string, mixed>|null $person Whose, when it is about one user.
	 * @return void
	 */
	private function draw( string $cause, float $rate, int $start, int $after, ?array $person = null ): void {
		$low  = max( $start, $after );
		$high = min( $start + HOUR_IN_SECONDS - 1, (int) $this->story['now'] );
		if ( $low > $high ) {
			return;
		}
		for ( $n = DemoData::poisson( $rate ); $n > 0; $n-- ) {
			$this->incident( $cause, mt_rand( $low, $high ), $person );
		}
	}

	/**
	 * Tells how busy the shop is at a time, in the site's time zone: 1 in opening hours.
	 *
	 * @param int $time Unix time.
	 * @return float
	 */
	private static function busy( int $time ): float {
		$hour = (int) wp_date( 'G', $time );
		if ( $hour >= 8 && $hour < 20 ) {
			return 1.0;
		}
		return ( $hour >= 6 && $hour < 23 ) ? 0.45 : 0.12;
	}

	/**
	 * Returns a user of one of some kinds, the first kind that has any.
	 *
	 * @param string ...$kinds Kinds, in order of preference.
	 * @return array<string, mixed>
	 */
	private function someone( string ...$kinds ): array {
		foreach ( array_merge( $kinds, array( 'all' ) ) as $kind ) {
			if ( ! empty( $this->people[ $kind ] ) ) {
				return DemoData::pick( $this->people[ $kind ] );
			}
		}
		return array(
			'id'      => 0,
			'login'   => '',
			'kind'    => 'app',
			'ip'      => DemoData::home_ip(),
			'agent'   => DemoData::BROWSERS[0],
			'browser' => DemoData::BROWSERS[0],
			'device'  => DemoData::TERMINALS[0],
			'app'     => DemoData::APPS[0],
		);
	}

	/**
	 * Returns a user by id, or anyone.
	 *
	 * @param int $user_id The id.
	 * @return array<string, mixed>
	 */
	private function person_by_id( int $user_id ): array {
		foreach ( $this->people['all'] as $person ) {
			if ( (int) $person['id'] === $user_id ) {
				return $person;
			}
		}
		return $this->someone();
	}

	/**
	 * Adds one failure (a row, possibly of several repeats) of a cause at a time.
	 *
	 * @param string                    $cause  The cause.
	 * @param int                       $at     When.
	 * @param array<string, mixed>|null $person Whose, when already known.
	 * @return void
	 */
	private function incident( string $cause, int $at, ?array $person = null ): void {
		$spec         = $this->spec( $cause, $at, $person );
		$this->rows[] = $this->row( $cause, $at, $spec );
	}

	/**
	 * Describes a failure of a cause the way its capture would have seen it.
	 *
	 * @param string                    $cause  The cause.
	 * @param int                       $at     When.
	 * @param array<string, mixed>|null $person Whose, when already known.
	 * @return array<string, mixed> source, code, issuer, person, ip, agent, route, token, details, count.
	 */
	private function spec( string $cause, int $at, ?array $person ): array {
		$roll    = mt_rand( 1, 100 );
		$cookie  = array(
			'expiration' => $at + mt_rand( HOUR_IN_SECONDS, 13 * DAY_IN_SECONDS ),
			'scheme'     => 'logged_in',
		);
		$browser = static function ( array $who ): string {
			return 'cashier' === $who['kind'] ? (string) $who['browser'] : (string) $who['agent'];
		};
		switch ( $cause ) {
			case 'expired':
				if ( $roll <= 45 ) {
					$who = $person ?? $this->someone( 'manager', 'cashier' );
					return $this->make_spec( 'cookie', 'auth_cookie_expired', '', $who, $browser( $who ), '/wp-admin/', null, array( 'expiration' => $at - mt_rand( MINUTE_IN_SECONDS, 3 * DAY_IN_SECONDS ) ) + $cookie, mt_rand( 1, 2 ) );
				}
				if ( $roll <= 88 ) {
					$who     = $person ?? $this->someone( 'cashier' );
					$refresh = $roll > 80;
					$iat     = $refresh ? $at - 30 * DAY_IN_SECONDS - mt_rand( MINUTE_IN_SECONDS, 2 * DAY_IN_SECONDS ) : $at - 30 * MINUTE_IN_SECONDS - mt_rand( MINUTE_IN_SECONDS, 4 * HOUR_IN_SECONDS );
					$token   = $this->token( $iat, $refresh ? 30 * DAY_IN_SECONDS : 30 * MINUTE_IN_SECONDS, $refresh ? 'refresh' : 'access' );
					return $this->make_spec( 'token', 'woocommerce_pos_auth_token_expired', 'wcpos', $who, (string) $who['device'][0], $refresh ? '/wp-json/wcpos/v1/auth/refresh' : '/wp-json/wcpos/v1/products', $token, array(), mt_rand( 1, $refresh ? 1 : 3 ) );
				}
				$who = $person ?? $this->someone( 'manager' );
				return $this->make_spec( 'rest_nonce', 'rest_cookie_invalid_nonce', '', $who, $browser( $who ), '/wp-json/wp/v2/posts', null, array( 'age_h' => DemoData::pick( array( 24, 36 ) ) ), 1 );

			case 'revoked':
				$by = (int) $this->story['revoker'];
				if ( $roll <= 50 ) {
					$who    = $person ?? $this->someone( 'manager', 'cashier' );
					$reason = DemoData::pick( array( 'admin', 'admin', 'signed_out' ) );
					$facts  = $cookie + array(
						'revoked_at'     => $at - mt_rand( 5 * MINUTE_IN_SECONDS, 2 * DAY_IN_SECONDS ),
						'revoked_by'     => 'admin' === $reason ? $by : (int) $who['id'],
						'revoked_reason' => $reason,
					);
					return $this->make_spec( 'cookie', 'auth_cookie_bad_session_token', '', $who, $browser( $who ), '/wp-admin/', null, $facts, mt_rand( 1, 2 ) );
				}
				if ( $roll <= 85 ) {
					$who = $person ?? $this->someone( 'cashier' );
					return $this->make_spec( 'token', 'woocommerce_pos_auth_session_revoked', 'wcpos', $who, (string) $who['device'][0], '/wp-json/wcpos/v1/orders', $this->token( $at - mt_rand( MINUTE_IN_SECONDS, 25 * MINUTE_IN_SECONDS ), 30 * MINUTE_IN_SECONDS, 'access' ), array(), mt_rand( 1, 3 ) );
				}
				$who   = $person ?? $this->someone( 'app' );
				$facts = array(
					'revoked_at'     => $at - mt_rand( HOUR_IN_SECONDS, DAY_IN_SECONDS ),
					'revoked_by'     => $by,
					'revoked_reason' => 'admin',
				);
				return $this->make_spec( 'token', 'auth_sentinel_token_revoked', 'auth-sentinel', $who, (string) $who['app'][0], '/wp-json/wp/v2/users/me', $this->token( $at - mt_rand( HOUR_IN_SECONDS, 3 * DAY_IN_SECONDS ), 7 * DAY_IN_SECONDS, null ), $facts, mt_rand( 1, 4 ) );

			case 'secret_changed':
				$change = (int) $this->story['change_at'];
				$names  = (array) $this->story['changed'];
				$nonce  = array_values( array_intersect( $names, array( 'NONCE_KEY', 'NONCE_SALT' ) ) );
				$keys   = array_values( array_intersect( $names, SecretResolver::COOKIE_SALTS ) );
				if ( ( $roll <= 75 || ! $nonce ) && $keys ) {
					$who   = $person ?? $this->someone( 'manager', 'cashier', 'app' );
					$facts = $cookie + array(
						'session_exists' => true,
						'issued_at'      => $change - mt_rand( HOUR_IN_SECONDS, 5 * DAY_IN_SECONDS ),
						'changed_at'     => $change,
						'changed'        => $keys,
					);
					return $this->make_spec( 'cookie', 'auth_cookie_bad_hash', '', $who, $browser( $who ), DemoData::pick( array( '/wp-admin/', '/wp-admin/edit.php', '/wp-admin/admin.php' ) ), null, $facts, mt_rand( 1, 3 ) );
				}
				$who   = $person ?? $this->someone( 'manager' );
				$facts = array(
					'changed_at' => $change,
					'changed'    => $nonce ? $nonce : $names,
				);
				return $this->make_spec( 'rest_nonce', 'rest_cookie_invalid_nonce', '', $who, $browser( $who ), '/wp-json/wp/v2/posts', null, $facts, mt_rand( 1, 2 ) );

			case 'password_changed':
				$who = $person ?? $this->someone( 'app', 'cashier' );
				$pw  = (int) ( ( (array) $this->story['passwords'] )[ (int) $who['id'] ] ?? $at - HOUR_IN_SECONDS );
				if ( 'app' === $who['kind'] ) {
					$token = $this->token( $pw - mt_rand( HOUR_IN_SECONDS, 3 * DAY_IN_SECONDS ), 7 * DAY_IN_SECONDS, null );
					return $this->make_spec( 'token', 'jwt_auth_obsolete_token', 'jwt-auth', $who, (string) $who['app'][0], '/wp-json/wp/v2/users/me', $token, array( 'password_changed_at' => $pw ), mt_rand( 1, 4 ) );
				}
				$facts = $cookie + array(
					'session_exists'      => true,
					'issued_at'           => $pw - mt_rand( HOUR_IN_SECONDS, 3 * DAY_IN_SECONDS ),
					'password_changed_at' => $pw,
				);
				return $this->make_spec( 'cookie', 'auth_cookie_bad_hash', '', $who, $browser( $who ), '/wp-admin/', null, $facts, mt_rand( 1, 2 ) );

			case 'corrupted':
				if ( $roll <= 50 ) {
					return $this->make_spec( 'cookie', 'auth_cookie_malformed', '', null, DemoData::pick( DemoData::BROWSERS ), '/wp-admin/', null, array( 'length' => mt_rand( 12, 90 ) ), 1, DemoData::home_ip() );
				}
				$who = $person ?? $this->someone( 'cashier' );
				return $this->make_spec( 'token', 'woocommmerce_pos_auth_invalid_token', 'wcpos', null, (string) $who['device'][0], '/wp-json/wcpos/v1/products', array(), array( 'problem' => 'parts' ), mt_rand( 1, 2 ), (string) $who['ip'] );

			case 'wrong_site':
				if ( $roll <= 60 ) {
					$who   = $person ?? $this->someone( 'cashier' );
					$token = $this->token( $at - mt_rand( MINUTE_IN_SECONDS, 25 * MINUTE_IN_SECONDS ), 30 * MINUTE_IN_SECONDS, 'access', 'https://staging.' . self::host() );
					return $this->make_spec( 'token', 'woocommmerce_pos_auth_bad_iss', 'wcpos', $who, (string) $who['device'][0], '/wp-json/wcpos/v1/products', $token, array( 'previous_address' => false ), mt_rand( 2, 6 ) );
				}
				$who   = $person ?? $this->someone( 'app' );
				$token = $this->token( $at - mt_rand( HOUR_IN_SECONDS, 3 * DAY_IN_SECONDS ), 7 * DAY_IN_SECONDS, null, 'https://old-shop.example.com' );
				return $this->make_spec( 'token', 'jwt_auth_bad_iss', 'jwt-auth-wp-rest-api', $who, (string) $who['app'][0], '/wp-json/wp/v2/users/me', $token, array( 'previous_address' => false ), mt_rand( 1, 3 ) );

			case 'unknown_user':
				if ( $roll <= 65 ) {
					$xmlrpc = $roll > 45;
					return $this->make_spec( $xmlrpc ? 'xmlrpc' : 'login_form', 'invalid_username', '', null, DemoData::pick( DemoData::STRANGERS ), $xmlrpc ? '/xmlrpc.php' : '/wp-login.php', null, array( 'login' => DemoData::pick( DemoData::GUESSES ) ), mt_rand( 1, $xmlrpc ? 12 : 8 ), DemoData::stranger_ip() );
				}
				if ( $roll <= 85 ) {
					$who   = $this->someone( 'cashier' );
					$token = $this->token( $at - mt_rand( MINUTE_IN_SECONDS, 25 * MINUTE_IN_SECONDS ), 30 * MINUTE_IN_SECONDS, 'access' );
					return $this->make_spec( 'token', 'woocommerce_pos_auth_user_not_found', 'wcpos', null, (string) $who['device'][0], '/wp-json/wcpos/v1/products', $token, array( 'token_user' => mt_rand( 5000, 9000 ) ), mt_rand( 1, 3 ), (string) $who['ip'] );
				}
				return $this->make_spec( 'cookie', 'auth_cookie_bad_username', '', null, DemoData::pick( DemoData::BROWSERS ), '/wp-admin/', null, $cookie + array( 'login' => DemoPeople::PREFIX . 'former.staff' ), 1, DemoData::home_ip() );

			case 'bad_credentials':
				if ( $roll <= 50 ) {
					$who = $person ?? $this->someone( 'manager', 'cashier' );
					return $this->make_spec( 'login_form', 'incorrect_password', '', $who, $browser( $who ), '/wp-login.php', null, array(), mt_rand( 1, 2 ) );
				}
				if ( $roll <= 80 ) {
					$who = $person ?? $this->someone( 'app' );
					return $this->make_spec( 'application_password', 'incorrect_password', '', $who, (string) $who['app'][0], '/wp-json/wc/v3/orders', null, array(), mt_rand( 1, 6 ) );
				}
				$who = $this->someone( 'manager' );
				return $this->make_spec( 'xmlrpc', 'incorrect_password', '', $who, DemoData::pick( DemoData::STRANGERS ), '/xmlrpc.php', null, array(), mt_rand( 3, 15 ), DemoData::stranger_ip() );

			case 'header_stripped':
				$who = $person ?? $this->someone( 'app' );
				return $this->make_spec( 'token', 'jwt_auth_no_auth_header', 'jwt-auth-wp-rest-api', null, (string) $who['app'][0], '/wp-json/wp/v2/users/me', null, array(), mt_rand( 2, 12 ), (string) $who['ip'] );

			case 'plugin_conflict':
				$who   = $person ?? $this->someone( 'cashier' );
				$facts = array(
					'issued_by'   => 'wcpos',
					'rejected_by' => 'jwt-auth-wp-rest-api',
				);
				return $this->make_spec( 'token', 'jwt_auth_invalid_token', 'jwt-auth-wp-rest-api', $who, (string) $who['device'][0], '/wp-json/wcpos/v1/orders', $this->token( $at - mt_rand( MINUTE_IN_SECONDS, 25 * MINUTE_IN_SECONDS ), 30 * MINUTE_IN_SECONDS, 'access' ), $facts, mt_rand( 1, 4 ) );

			default:
				return $this->make_spec( 'rest', 'rest_forbidden', '', null, 'curl/8.5.0', '/wp-json/wc/v3/orders', null, array(), mt_rand( 1, 2 ), DemoData::stranger_ip() );
		}
	}

	/**
	 * Puts a failure's description together.
	 *
	 * @param string                    $source  Where the credential came from.
	 * @param string                    $code    The server's code.
	 * @param string                    $issuer  The token plugin that answered, '' for none.
	 * @param array<string, mixed>|null $who     Whose credential, null when nobody here.
	 * @param string                    $agent   The client's user agent.
	 * @param string                    $route   The path asked for.
	 * @param array<string, mixed>|null $token   Token claims; empty for a token that could not be read, null for none.
	 * @param array<string, mixed>      $details The facts behind the diagnosis.
	 * @param int                       $count   How many repeats.
	 * @param string                    $ip      The address, when not the user's.
	 * @return array<string, mixed>
	 */
	private function make_spec( string $source, string $code, string $issuer, ?array $who, string $agent, string $route, ?array $token, array $details, int $count, string $ip = '' ): array {
		return array(
			'source'  => $source,
			'code'    => $code,
			'issuer'  => $issuer,
			'user_id' => null === $who ? 0 : (int) $who['id'],
			'ip'      => '' !== $ip ? $ip : ( null === $who ? DemoData::stranger_ip() : (string) $who['ip'] ),
			'agent'   => $agent,
			'route'   => $route,
			'token'   => $token,
			'details' => $details,
			'count'   => $count,
		);
	}

	/**
	 * Makes up a token's public claims.
	 *
	 * @param int         $iat  Issued at.
	 * @param int         $life Lifetime in seconds.
	 * @param string|null $type access, refresh or null (a plugin without types).
	 * @param string      $iss  Issuer, this site by default.
	 * @return array<string, mixed>
	 */
	private function token( int $iat, int $life, ?string $type, string $iss = '' ): array {
		return array(
			'iss'  => '' === $iss ? untrailingslashit( (string) get_option( 'siteurl' ) ) : $iss,
			'iat'  => $iat,
			'exp'  => $iat + $life,
			'jti'  => DemoData::uuid(),
			'type' => $type,
		);
	}

	/**
	 * Returns this site's host name.
	 *
	 * @return string
	 */
	private static function host(): string {
		return (string) wp_parse_url( (string) get_option( 'siteurl' ), PHP_URL_HOST );
	}

	/**
	 * Builds the stored row of a failure, as the Recorder would.
	 *
	 * @param string               $cause The cause.
	 * @param int                  $at    When it was first seen.
	 * @param array<string, mixed> $spec  Its description.
	 * @return array<string, mixed>
	 */
	private function row( string $cause, int $at, array $spec ): array {
		$now   = (int) $this->story['now'];
		$count = max( 1, (int) $spec['count'] );
		$last  = $count > 1 ? min( $now, $at + mt_rand( MINUTE_IN_SECONDS, 50 * MINUTE_IN_SECONDS ), ( intdiv( $at, HOUR_IN_SECONDS ) + 1 ) * HOUR_IN_SECONDS - 1 ) : $at;
		$token = $spec['token'];
		$type  = is_array( $token ) && isset( $token['type'] ) ? (string) $token['type'] : null;
		return array(
			'agg_key'     => DemoStorage::KEY_PREFIX . substr( hash( 'sha256', count( $this->rows ) . '|' . $at . '|' . mt_rand() ), 0, 32 - strlen( DemoStorage::KEY_PREFIX ) ),
			'hour'        => intdiv( $at, HOUR_IN_SECONDS ),
			'first_seen'  => gmdate( 'Y-m-d H:i:s', $at ),
			'last_seen'   => gmdate( 'Y-m-d H:i:s', $last ),
			'count'       => $count,
			'source'      => (string) $spec['source'],
			'issuer'      => (string) $spec['issuer'],
			'server_code' => (string) $spec['code'],
			'code'        => $this->catalog->code_for( (string) $spec['code'], $cause, $type, (string) $spec['source'] ),
			'cause'       => $cause,
			'user_id'     => (int) $spec['user_id'],
			'ip'          => (string) $spec['ip'],
			'user_agent'  => (string) $spec['agent'],
			'route'       => (string) $spec['route'],
			'token_fp'    => null === $token ? '' : $this->fingerprinter->fingerprint( 'token', 'demo|' . count( $this->rows ) . '|' . mt_rand() ),
			'token_iss'   => (string) ( $token['iss'] ?? '' ),
			'token_iat'   => isset( $token['iat'] ) ? (int) $token['iat'] : null,
			'token_exp'   => isset( $token['exp'] ) ? (int) $token['exp'] : null,
			'token_jti'   => (string) ( $token['jti'] ?? '' ),
			'token_type'  => (string) $type,
			'details'     => (string) wp_json_encode( $spec['details'] ),
		);
	}
}
