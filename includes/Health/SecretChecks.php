<?php
/**
 * Site Health tests about the keys, salts and token secrets.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Health;

use AuthSentinel\Secrets\SecretFacts;
use AuthSentinel\Secrets\SecretResolver;

defined( 'ABSPATH' ) || exit;

/**
 * Tells whether the keys and salts are safe, and whether a secret changed this week. Reads
 * what the secrets watch stored (one query each); never a value.
 *
 * @since 0.1.0
 */
class SecretChecks {

	/**
	 * How far back a change counts as recent.
	 */
	const RECENT = WEEK_IN_SECONDS;

	/**
	 * Changes listed one by one (older ones are counted), and names in the headline.
	 */
	const LISTED = 5;

	/**
	 * What is known of the secrets.
	 *
	 * @var SecretFacts
	 */
	private $facts;

	/**
	 * Creates the checks.
	 *
	 * @param SecretFacts $facts What is known of the secrets.
	 */
	public function __construct( SecretFacts $facts ) {
		$this->facts = $facts;
	}

	/**
	 * Checks the eight keys and salts (and the token secrets the site has) for the default
	 * phrase, duplicates, absence and weakness.
	 *
	 * @return array<string, mixed> A Site Health result.
	 */
	public function keys_and_salts(): array {
		$test  = 'auth_sentinel_keys_and_salts';
		$items = (array) $this->facts->snapshot()['items'];
		if ( ! $items ) {
			return Result::make(
				$test,
				'recommended',
				__( 'Auth Sentinel has not checked the keys and salts yet', 'auth-sentinel' ),
				array( esc_html__( 'The keys and salts are read at the end of the first request after activation. Open the Secrets screen to check them now.', 'auth-sentinel' ) ),
				'secrets',
				__( 'Check on the Secrets screen', 'auth-sentinel' )
			);
		}

		$salts  = array(
			'default'   => array(),
			'duplicate' => array(),
			'missing'   => array(),
			'weak'      => array(),
		);
		$tokens = array();
		foreach ( $items as $name => $item ) {
			$strength = (string) ( $item['strength'] ?? 'ok' );
			if ( 'salt' === ( $item['group'] ?? '' ) && isset( $salts[ $strength ] ) ) {
				$salts[ $strength ][] = (string) $name;
			} elseif ( 'token' === ( $item['group'] ?? '' ) && 'missing' !== ( $item['source'] ?? '' ) && in_array( $strength, array( 'weak', 'default', 'duplicate' ), true ) ) {
				$tokens[] = (string) $name; // A token secret the site does not have is no problem.
			}
		}

		$critical = $salts['default'] || $salts['duplicate'] || $salts['missing'];
		if ( ! $critical && ! $salts['weak'] && ! $tokens ) {
			return Result::make(
				$test,
				'good',
				__( 'The WordPress keys and salts are strong and unique', 'auth-sentinel' ),
				array( esc_html__( 'All eight keys and salts are defined in wp-config.php, unique, and long enough. They sign every sign-in cookie and nonce of this site.', 'auth-sentinel' ) ),
				'secrets',
				__( 'View the Secrets screen', 'auth-sentinel' )
			);
		}

		$reasons = array(
			'default'   => __( 'still the sample phrase from wp-config-sample.php, which WordPress ignores: it signs with a key it generated and keeps in the database instead', 'auth-sentinel' ),
			'duplicate' => __( 'the same value as another key, which WordPress ignores: it signs with a key it generated and keeps in the database instead', 'auth-sentinel' ),
			'missing'   => __( 'not defined in wp-config.php: WordPress signs with a key it generated and keeps in the database, where anyone who can read the database (a backup, an SQL injection) can forge sign-in cookies', 'auth-sentinel' ),
			'weak'      => __( 'too short or too repetitive to resist guessing', 'auth-sentinel' ),
		);
		$list    = '';
		foreach ( $salts as $strength => $names ) {
			if ( $names ) {
				$list .= '<li>' . Result::names( $names ) . ': ' . esc_html( $reasons[ $strength ] ) . '</li>';
			}
		}
		if ( $tokens ) {
			$list .= '<li>' . Result::names( $tokens ) . ': ' . esc_html__( 'a token signing secret that is too short or too repetitive: whoever guesses it can sign tokens for any user', 'auth-sentinel' ) . '</li>';
		}

		$paragraphs = array(
			esc_html__( 'The keys and salts sign every sign-in cookie and nonce of this site, and token plugins sign app tokens with their own secret. Auth Sentinel found:', 'auth-sentinel' ),
			'<ul>' . $list . '</ul>',
		);
		if ( $critical || $salts['weak'] ) {
			$paragraphs[] = sprintf(
				/* translators: %s: link to the WordPress.org secret key service. */
				esc_html__( 'Put eight new, different random values in wp-config.php, for example from %s. Changing them signs every user out once and makes open forms fail their security check until reloaded; apps that use cookies must sign in again.', 'auth-sentinel' ),
				'<a href="https://api.wordpress.org/secret-key/1.1/salt/">https://api.wordpress.org/secret-key/1.1/salt/</a>'
			);
		}
		if ( $tokens ) {
			$paragraphs[] = esc_html__( 'Replace a weak token secret with a long random value in the token plugin’s settings (or wp-config.php for JWT_AUTH_SECRET_KEY); every app signed in with a token will have to sign in again.', 'auth-sentinel' );
		}

		if ( $critical ) {
			$label = __( 'Some WordPress keys and salts are unsafe', 'auth-sentinel' );
		} elseif ( $salts['weak'] ) {
			$label = __( 'Some WordPress keys and salts are weak', 'auth-sentinel' );
		} else {
			$label = __( 'A token signing secret is weak', 'auth-sentinel' );
		}
		return Result::make( $test, $critical ? 'critical' : 'recommended', $label, $paragraphs, 'secrets', __( 'Review on the Secrets screen', 'auth-sentinel' ) );
	}

	/**
	 * Checks whether a key, salt, token secret or the site address changed in the last 7 days.
	 *
	 * @param int|null $now The time to check at; now when null.
	 * @return array<string, mixed> A Site Health result.
	 */
	public function secret_change( ?int $now = null ): array {
		$test    = 'auth_sentinel_secret_change';
		$now     = $now ?? time();
		$changes = array();
		foreach ( $this->facts->history( 20 ) as $change ) {
			$at = (int) strtotime( $change['at'] . ' UTC' );
			if ( $at > $now ) {
				continue; // Checking as of an earlier time.
			}
			if ( $at < $now - self::RECENT ) {
				break; // Newest first: the rest are older.
			}
			$names = array_values( array_map( 'strval', (array) ( $change['details']['changed'] ?? array() ) ) );
			if ( $names ) {
				$changes[] = array( 'at' => $at ) + array( 'names' => $names ) + (array) $change['details'];
			}
		}

		if ( ! $changes ) {
			return Result::make(
				$test,
				'good',
				__( 'No key, salt or token secret changed in the last 7 days', 'auth-sentinel' ),
				array( esc_html__( 'Auth Sentinel watches the WordPress keys and salts, the token plugins’ signing secrets and the site address. None of them changed this week, so no one was signed out by a change.', 'auth-sentinel' ) ),
				'secrets',
				__( 'View the Secrets screen', 'auth-sentinel' )
			);
		}

		$list  = '';
		$names = array();
		foreach ( $changes as $i => $change ) {
			$names = array_merge( $names, $change['names'] );
			if ( $i < self::LISTED ) {
				$list .= '<li>' . Result::names( $change['names'] ) . ' — ' . esc_html( Result::when( $change['at'], $now ) ) . '</li>';
			}
		}
		if ( count( $changes ) > self::LISTED ) {
			$more = count( $changes ) - self::LISTED;
			/* translators: %s: number of changes. */
			$list .= '<li>' . esc_html( sprintf( _n( 'and %s earlier change', 'and %s earlier changes', $more, 'auth-sentinel' ), number_format_i18n( $more ) ) ) . '</li>';
		}
		$names = array_values( array_unique( $names ) );

		$paragraphs = array(
			esc_html( _n( 'This secret changed in the last 7 days:', 'These secrets changed in the last 7 days:', count( $names ), 'auth-sentinel' ) ),
			'<ul>' . $list . '</ul>',
		);
		foreach ( $this->effects( $changes ) as $effect ) {
			$paragraphs[] = esc_html( $effect );
		}
		$paragraphs[] = esc_html__( 'If you did not change them yourself (or a host migration, a security plugin or a deployment did), find out who did: someone with access to wp-config.php or the database may have them. Failures caused by the change appear as “Secret changed” on the Errors screen.', 'auth-sentinel' );

		$named = implode( ', ', array_slice( $names, 0, self::LISTED ) );
		if ( count( $names ) > self::LISTED ) {
			/* translators: 1: some secret names, 2: how many more. */
			$named = sprintf( __( '%1$s and %2$s more', 'auth-sentinel' ), $named, number_format_i18n( count( $names ) - self::LISTED ) );
		}
		return Result::make(
			$test,
			'recommended',
			/* translators: %s: list of secret names. */
			sprintf( __( 'Secrets changed recently: %s', 'auth-sentinel' ), $named ),
			$paragraphs,
			'secrets',
			__( 'Review on the Secrets screen', 'auth-sentinel' )
		);
	}

	/**
	 * Says what the changes did to users and apps.
	 *
	 * @param array<int, array<string, mixed>> $changes Recent changes, newest first.
	 * @return string[] Plain sentences.
	 */
	private function effects( array $changes ): array {
		$cookie = null; // The newest change of a cookie key, for its counts.
		$nonce  = false;
		$token  = array();
		$site   = false;
		foreach ( $changes as $change ) {
			$names = $change['names'];
			if ( null === $cookie && array_intersect( $names, SecretResolver::COOKIE_SALTS ) ) {
				$cookie = $change;
			}
			$nonce = $nonce || array_intersect( $names, array( 'NONCE_KEY', 'NONCE_SALT' ) );
			$token = array_merge( $token, array_diff( $names, SecretResolver::SALTS, array_keys( SecretResolver::SITE_OPTIONS ) ) );
			$site  = $site || array_intersect( $names, array_keys( SecretResolver::SITE_OPTIONS ) );
		}

		$effects = array();
		if ( null !== $cookie ) {
			$effects[] = isset( $cookie['sessions'] )
				? sprintf(
					/* translators: 1: number of sessions, 2: number of users. */
					_n( 'Every signed-in user was signed out (%1$s session of %2$s user ended at the latest change), and apps that sign in with cookies had to sign in again.', 'Every signed-in user was signed out (%1$s sessions of %2$s users ended at the latest change), and apps that sign in with cookies had to sign in again.', (int) $cookie['sessions'], 'auth-sentinel' ),
					number_format_i18n( (int) $cookie['sessions'] ),
					number_format_i18n( (int) ( $cookie['users'] ?? 0 ) )
				)
				: __( 'Every signed-in user was signed out, and apps that sign in with cookies had to sign in again.', 'auth-sentinel' );
		}
		if ( $nonce ) {
			$effects[] = __( 'Forms and app requests opened before the change failed their security check (nonce) until reloaded.', 'auth-sentinel' );
		}
		if ( $token ) {
			$effects[] = sprintf(
				/* translators: %s: secret names. */
				__( 'App tokens signed with %s stopped working: every app signed in with such a token was signed out and must sign in again.', 'auth-sentinel' ),
				implode( ', ', array_unique( $token ) )
			);
		}
		if ( $site ) {
			$effects[] = __( 'The site address changed: app tokens issued for the old address are refused as coming from another site, so those apps were signed out too.', 'auth-sentinel' );
		}
		return $effects;
	}
}
