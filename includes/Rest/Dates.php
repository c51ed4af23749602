<?php
/**
 * Date formatting for REST responses.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Rest;

defined( 'ABSPATH' ) || exit;

/**
 * Formats times as ISO 8601 in UTC, the form every route answers with.
 *
 * @since 0.1.0
 */
class Dates {

	/**
	 * Formats a Unix time or a GMT MySQL datetime; null stays null.
	 *
	 * @param int|string|null $time Unix time, 'Y-m-d H:i:s' in GMT, or null.
	 * @return string|null
	 */
	public static function iso( $time ): ?string {
		if ( null === $time || '' === $time || 0 === $time ) {
			return null;
		}
		$unix = is_numeric( $time ) ? (int) $time : strtotime( $time . ' UTC' );
		return false === $unix ? null : gmdate( 'Y-m-d\TH:i:s\Z', $unix );
	}
}
