<?php
/**
 * The words of an alert: subject, body, one-line summary and the webhook's data.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Alerts;

use AuthSentinel\Admin\AdminPages;
use AuthSentinel\Rest\Dates;
use AuthSentinel\Secrets\SecretResolver;

defined( 'ABSPATH' ) || exit;

/**
 * Writes each kind of alert in plain text for an administrator: what happened, when (in the
 * site's time zone), what it means for users and apps, and where to look. Names of secrets may
 * appear (the Secrets screen shows them too); values, tokens and passwords never reach it.
 *
 * @since 0.1.0
 */
class AlertMessage {

	/**
	 * Builds the alert.
	 *
	 * @param string               $kind secrets_changed|failure_spike|all_sessions_revoked.
	 * @param array<string, mixed> $data The facts, as Alerts normalised them.
	 * @return array{subject: string, body: string, summary: string, data: array<string, mixed>}
	 */
	public static function build( string $kind, array $data ): array {
		switch ( $kind ) {
			case 'secrets_changed':
				return self::secrets( $data );
			case 'failure_spike':
				return self::spike( $data );
			default:
				return self::revoked_all( $data );
		}
	}

	/**
	 * Keys, salts, token secrets or the site address changed.
	 *
	 * @param array<string, mixed> $data at, changed, sessions, users.
	 * @return array{subject: string, body: string, summary: string, data: array<string, mixed>}
	 */
	private static function secrets( array $data ): array {
		$at      = (int) $data['at'];
		$names   = array_map( 'strval', (array) $data['changed'] );
		$url     = AdminPages::url( 'secrets' );
		$listed  = $names ? implode( ', ', $names ) : __( 'a watched secret', 'auth-sentinel' );
		$summary = sprintf(
			/* translators: 1: names of keys or secrets, 2: site name. */
			__( 'Security keys changed on %2$s: %1$s.', 'auth-sentinel' ),
			$listed,
			self::site_name()
		);

		$meaning = array();
		if ( array_intersect( $names, SecretResolver::COOKIE_SALTS ) ) {
			$meaning[] = ! empty( $data['sessions'] )
				? sprintf(
					/* translators: 1: number of sessions, 2: number of users. */
					__( 'Everyone who was signed in was signed out (%1$d sessions of %2$d users ended). They must sign in again.', 'auth-sentinel' ),
					(int) $data['sessions'],
					(int) ( $data['users'] ?? 0 )
				)
				: __( 'Sign-in cookies made before the change no longer work: anyone who was signed in is signed out and must sign in again.', 'auth-sentinel' );
		}
		if ( array_intersect( $names, array( 'NONCE_KEY', 'NONCE_SALT' ) ) ) {
			$meaning[] = __( 'Pages left open in browsers hold security codes (nonces) that no longer work: saving from them fails until they are reloaded.', 'auth-sentinel' );
		}
		if ( array_intersect( $names, array_merge( SecretResolver::TOKEN_OPTIONS, array( 'JWT_AUTH_SECRET_KEY', \AuthSentinel\Secrets\TokenSecrets::SIMPLE_JWT_LOGIN ) ) ) ) {
			$meaning[] = __( 'Apps that sign in with tokens (a point-of-sale terminal, a mobile app) are signed out: their tokens were signed with the old secret and are now refused as invalid (API02003). Their users must sign in again.', 'auth-sentinel' );
		}
		if ( array_intersect( $names, array_keys( SecretResolver::SITE_OPTIONS ) ) ) {
			$meaning[] = __( 'The site address changed: tokens issued for the old address are refused as coming from another site. Apps must be pointed at the new address and signed in again.', 'auth-sentinel' );
		}
		if ( ! $meaning ) {
			$meaning[] = __( 'Credentials signed with the old value no longer work; their users must sign in again.', 'auth-sentinel' );
		}
		$meaning[] = __( 'If nobody on your team made this change, someone with access to the server or the database did: find out who.', 'auth-sentinel' );

		$lines = array(
			sprintf(
				/* translators: %s: site name. */
				__( 'Auth Sentinel noticed that security keys of %s changed.', 'auth-sentinel' ),
				self::site_name()
			),
			'',
			/* translators: %s: names of keys or secrets. */
			sprintf( __( 'What changed: %s', 'auth-sentinel' ), $listed ),
			/* translators: %s: date and time. */
			sprintf( __( 'When: %s', 'auth-sentinel' ), self::when( $at ) ),
			'',
			__( 'What it means:', 'auth-sentinel' ),
		);
		return array(
			'subject' => self::subject( __( 'Security keys changed', 'auth-sentinel' ) ),
			'body'    => self::body( $lines, $meaning, __( 'Details on the Secrets screen:', 'auth-sentinel' ), $url ),
			'summary' => $summary,
			'data'    => array(
				'changed'  => $names,
				'sessions' => isset( $data['sessions'] ) ? (int) $data['sessions'] : null,
				'users'    => isset( $data['users'] ) ? (int) $data['users'] : null,
				'url'      => $url,
			),
		);
	}

	/**
	 * Failures passed the hourly threshold.
	 *
	 * @param array<string, mixed> $data at, hour, failures, threshold, causes.
	 * @return array{subject: string, body: string, summary: string, data: array<string, mixed>}
	 */
	private static function spike( array $data ): array {
		$hour     = (int) $data['hour'];
		$failures = (int) $data['failures'];
		$url      = AdminPages::url( 'errors' );
		$causes   = (array) $data['causes'];
		arsort( $causes );
		$summary = sprintf(
			/* translators: 1: number of failures, 2: site name, 3: the alert threshold. */
			__( '%1$d failed sign-ins on %2$s within one hour (alert threshold: %3$d).', 'auth-sentinel' ),
			$failures,
			self::site_name(),
			(int) $data['threshold']
		);

		$lines = array(
			sprintf(
				/* translators: 1: number of failures, 2: site name, 3: start time, 4: end time, 5: the alert threshold. */
				__( 'Auth Sentinel recorded %1$d failed credentials on %2$s between %3$s and %4$s, more than your alert threshold of %5$d an hour.', 'auth-sentinel' ),
				$failures,
				self::site_name(),
				self::when( $hour * HOUR_IN_SECONDS ),
				(string) wp_date( (string) get_option( 'time_format' ), ( $hour + 1 ) * HOUR_IN_SECONDS ),
				(int) $data['threshold']
			),
			'',
			__( 'Most common causes:', 'auth-sentinel' ),
		);
		foreach ( array_slice( $causes, 0, 5, true ) as $cause => $count ) {
			$lines[] = sprintf( '- %s: %d', self::cause_label( (string) $cause ), (int) $count );
		}
		$lines[] = '';
		$lines[] = __( 'What it means:', 'auth-sentinel' );

		$meaning = array(
			__( 'Someone may be guessing passwords, or apps keep retrying with credentials that stopped working (after a key change, a revoked session or an expired token).', 'auth-sentinel' ),
			__( 'The users and apps concerned see sign-in errors until the cause is fixed; the Errors screen shows who and why.', 'auth-sentinel' ),
			__( 'No other alert of this kind is sent this hour.', 'auth-sentinel' ),
		);
		return array(
			'subject' => self::subject(
				/* translators: %d: number of failures. */
				sprintf( __( '%d failed sign-ins in one hour', 'auth-sentinel' ), $failures )
			),
			'body'    => self::body( $lines, $meaning, __( 'See the failures:', 'auth-sentinel' ), $url ),
			'summary' => $summary,
			'data'    => array(
				'hour_start' => Dates::iso( $hour * HOUR_IN_SECONDS ),
				'failures'   => $failures,
				'threshold'  => (int) $data['threshold'],
				'causes'     => (object) array_map( 'intval', $causes ),
				'url'        => $url,
			),
		);
	}

	/**
	 * Every session of every user was revoked.
	 *
	 * @param array<string, mixed> $data at, actor_id, sessions, users.
	 * @return array{subject: string, body: string, summary: string, data: array<string, mixed>}
	 */
	private static function revoked_all( array $data ): array {
		$at    = (int) $data['at'];
		$actor = (int) ( $data['actor_id'] ?? 0 );
		$user  = $actor > 0 ? get_userdata( $actor ) : false;
		$who   = $user ? sprintf( '%s (%s)', $user->display_name, $user->user_login ) : __( 'The system', 'auth-sentinel' );
		$url   = AdminPages::url( 'sessions' );

		$summary = sprintf(
			/* translators: %s: site name. */
			__( 'Everyone was signed out of %s.', 'auth-sentinel' ),
			self::site_name()
		);
		$lines = array(
			sprintf(
				/* translators: 1: who did it, 2: site name. */
				__( '%1$s signed every user of %2$s out of every browser and app.', 'auth-sentinel' ),
				$who,
				self::site_name()
			),
			/* translators: %s: date and time. */
			sprintf( __( 'When: %s', 'auth-sentinel' ), self::when( $at ) ),
		);
		if ( isset( $data['sessions'] ) ) {
			/* translators: %d: number of sessions. */
			$lines[] = sprintf( __( 'Sessions ended: %d', 'auth-sentinel' ), (int) $data['sessions'] );
		}
		$labels = array(
			'cookie'       => __( 'browser sign-ins', 'auth-sentinel' ),
			'app_password' => __( 'application passwords', 'auth-sentinel' ),
			'wcpos'        => __( 'WooCommerce POS sessions', 'auth-sentinel' ),
			'token'        => __( 'app tokens', 'auth-sentinel' ),
		);
		foreach ( (array) ( $data['counts'] ?? array() ) as $type => $n ) {
			if ( $n > 0 ) {
				$lines[] = sprintf( '- %s: %d', $labels[ $type ] ?? $type, (int) $n );
			}
		}
		$lines[] = '';
		$lines[] = __( 'What it means:', 'auth-sentinel' );
		$meaning = array(
			__( 'Every user must sign in again, in the browser and in apps: tokens issued before this moment are refused as revoked.', 'auth-sentinel' ),
			__( 'The administrator who did it stays signed in.', 'auth-sentinel' ),
			__( 'If nobody on your team did this, review the audit log at once.', 'auth-sentinel' ),
		);
		return array(
			'subject' => self::subject( __( 'Everyone was signed out', 'auth-sentinel' ) ),
			'body'    => self::body( $lines, $meaning, __( 'Sessions:', 'auth-sentinel' ), $url ),
			'summary' => $summary,
			'data'    => array(
				'actor_id' => $actor,
				'sessions' => isset( $data['sessions'] ) ? (int) $data['sessions'] : null,
				'counts'   => (object) ( $data['counts'] ?? array() ),
				'users'    => isset( $data['users'] ) ? (int) $data['users'] : null,
				'url'      => $url,
			),
		);
	}

	/**
	 * Joins the parts of a body.
	 *
	 * @param string[] $lines   Opening lines.
	 * @param string[] $meaning What it means, one point each.
	 * @param string   $label   Label of the link.
	 * @param string   $url     The screen to open.
	 * @return string
	 */
	private static function body( array $lines, array $meaning, string $label, string $url ): string {
		foreach ( $meaning as $point ) {
			$lines[] = '- ' . $point;
		}
		$lines[] = '';
		$lines[] = $label;
		$lines[] = $url;
		$lines[] = '';
		$lines[] = '-- ';
		/* translators: %s: the site's address. */
		$lines[] = sprintf( __( 'Auth Sentinel on %s. Alerts are set on its Settings screen.', 'auth-sentinel' ), home_url( '/' ) );
		return implode( "\n", $lines ) . "\n";
	}

	/**
	 * Prefixes a subject with the site's name.
	 *
	 * @param string $what The subject proper.
	 * @return string
	 */
	private static function subject( string $what ): string {
		/* translators: 1: site name, 2: what happened. */
		return sprintf( __( '[%1$s] Auth Sentinel: %2$s', 'auth-sentinel' ), self::site_name(), $what );
	}

	/**
	 * The site's name as plain text.
	 *
	 * @return string
	 */
	private static function site_name(): string {
		$name = wp_specialchars_decode( (string) get_option( 'blogname' ), ENT_QUOTES );
		return '' === $name ? (string) wp_parse_url( home_url(), PHP_URL_HOST ) : $name;
	}

	/**
	 * A date and time in the site's time zone, naming the zone.
	 *
	 * @param int $time Unix time.
	 * @return string
	 */
	private static function when( int $time ): string {
		return sprintf( '%s (%s)', (string) wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $time ), wp_timezone_string() );
	}

	/**
	 * Names a diagnosed cause for people.
	 *
	 * @param string $cause The cause.
	 * @return string
	 */
	private static function cause_label( string $cause ): string {
		$labels = array(
			'expired'          => __( 'expired credentials', 'auth-sentinel' ),
			'revoked'          => __( 'revoked sessions or tokens', 'auth-sentinel' ),
			'secret_changed'   => __( 'credentials signed with a key that changed', 'auth-sentinel' ),
			'password_changed' => __( 'credentials from before a password change', 'auth-sentinel' ),
			'corrupted'        => __( 'corrupted or altered credentials', 'auth-sentinel' ),
			'wrong_site'       => __( 'tokens of another site', 'auth-sentinel' ),
			'unknown_user'     => __( 'users that do not exist', 'auth-sentinel' ),
			'bad_credentials'  => __( 'wrong passwords or application passwords', 'auth-sentinel' ),
			'header_stripped'  => __( 'Authorization header stripped by the server', 'auth-sentinel' ),
			'plugin_conflict'  => __( 'two token plugins in conflict', 'auth-sentinel' ),
		);
		return $labels[ $cause ] ?? __( 'unknown cause', 'auth-sentinel' );
	}
}
