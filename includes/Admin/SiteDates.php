<?php
/**
 * Dates as the admin app writes them, for the rows the server prints.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Admin;

defined( 'ABSPATH' ) || exit;

/**
 * Writes moments as the admin app does (src/admin/utils/dates.ts): in the site's time zone and
 * formats, "December 6, 2026 at 5:37 pm UTC", and "5 minutes ago" in the words and steps of
 * wp-date's relative times, which core translates and hands to wp-date on every admin page.
 *
 * @since 0.1.0
 */
final class SiteDates {

	/**
	 * Reads an ISO 8601 time of the REST API.
	 *
	 * @param mixed $iso The time.
	 * @return int|null Unix time, or null when it is not a time.
	 */
	public static function parse( $iso ): ?int {
		if ( ! is_string( $iso ) || '' === $iso ) {
			return null;
		}
		$time = strtotime( $iso );
		return false === $time ? null : $time;
	}

	/**
	 * Formats a moment as date and time with the time zone named, as formatDateTime() does.
	 *
	 * @param int $time Unix time.
	 * @return string For example "December 6, 2026 at 5:37 pm UTC".
	 */
	public static function date_time( int $time ): string {
		return sprintf(
			/* translators: 1: date, 2: time, 3: time zone, e.g. "UTC" or "CET". */
			__( '%1$s at %2$s %3$s', 'auth-sentinel' ),
			wp_date( (string) get_option( 'date_format' ), $time ),
			wp_date( (string) get_option( 'time_format' ), $time ),
			self::zone( $time )
		);
	}

	/**
	 * Names the site's time zone at a moment: its abbreviation when the site names a city that
	 * has one, else its offset from UTC.
	 *
	 * @param int $time Unix time.
	 * @return string For example "CEST", "UTC" or "UTC+5:30".
	 */
	private static function zone( int $time ): string {
		$abbreviation = '' !== (string) get_option( 'timezone_string' ) ? (string) wp_date( 'T', $time ) : '';
		if ( 1 === preg_match( '/^[A-Z]{2,5}$/', $abbreviation ) ) {
			return $abbreviation;
		}
		$minutes = (int) round( (int) wp_date( 'Z', $time ) / 60 );
		if ( 0 === $minutes ) {
			return 'UTC';
		}
		$hours = intdiv( abs( $minutes ), 60 );
		$rest  = abs( $minutes ) % 60;
		return 'UTC' . ( $minutes > 0 ? '+' : '-' ) . $hours . ( $rest > 0 ? sprintf( ':%02d', $rest ) : '' );
	}

	/**
	 * Says how long ago (or how far ahead) a moment is, as wp-date's humanTimeDiff() does:
	 * moment's steps (under 45 s "a second"; then minutes, hours up to 22, days up
	 * to 26, months up to 11, years), in the words core gives wp-date.
	 *
	 * @param int $time Unix time.
	 * @param int $now  The current Unix time.
	 * @return string For example "5 minutes ago".
	 */
	public static function relative( int $time, int $now ): string {
		$seconds = (int) round( abs( $now - $time ) );
		$minutes = (int) round( $seconds / 60 );
		$hours   = (int) round( $seconds / 3600 );
		$days    = (int) round( $seconds / 86400 );
		$months  = (int) round( $seconds / 86400 * 4800 / 146097 );
		$years   = (int) round( $seconds / 86400 * 400 / 146097 );
		// phpcs:disable WordPress.WP.I18n.MissingArgDomain, WordPress.WP.I18n.MissingTranslatorsComment -- Core's own words, as core hands them to wp-date (wp-includes/script-loader.php).
		if ( $seconds < 45 ) {
			// Whole seconds never reach moment's "N seconds" (44.5 to 45 s).
			$span = __( 'a second' );
		} elseif ( $minutes <= 1 ) {
			$span = __( 'a minute' );
		} elseif ( $minutes < 45 ) {
			$span = sprintf( __( '%d minutes' ), $minutes );
		} elseif ( $hours <= 1 ) {
			$span = __( 'an hour' );
		} elseif ( $hours < 22 ) {
			$span = sprintf( __( '%d hours' ), $hours );
		} elseif ( $days <= 1 ) {
			$span = __( 'a day' );
		} elseif ( $days < 26 ) {
			$span = sprintf( __( '%d days' ), $days );
		} elseif ( $months <= 1 ) {
			$span = __( 'a month' );
		} elseif ( $months < 11 ) {
			$span = sprintf( __( '%d months' ), $months );
		} elseif ( $years <= 1 ) {
			$span = __( 'a year' );
		} else {
			$span = sprintf( __( '%d years' ), $years );
		}
		return sprintf( $time <= $now ? __( '%s ago' ) : __( '%s from now' ), $span );
		// phpcs:enable
	}
}
