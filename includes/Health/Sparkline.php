<?php
/**
 * A small inline SVG line of hourly failures.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Health;

defined( 'ABSPATH' ) || exit;

/**
 * Draws hourly totals as an inline SVG sparkline, with a text alternative that says what the
 * line shows (total, busiest hour), so a screen reader user learns the same as a sighted one.
 *
 * @since 0.1.0
 */
final class Sparkline {

	/**
	 * Drawing width in SVG units.
	 */
	const WIDTH = 240;

	/**
	 * Drawing height in SVG units.
	 */
	const HEIGHT = 40;

	/**
	 * Draws the sparkline.
	 *
	 * @param int[] $values     Failures per hour, oldest first.
	 * @param int   $first_hour The first value's hour (Unix time / 3600).
	 * @return string Safe HTML: an `svg` element with role="img".
	 */
	public static function svg( array $values, int $first_hour ): string {
		$values = array_values( array_map( 'intval', $values ) );
		$count  = count( $values );
		$total  = (int) array_sum( $values );
		$max    = $count ? max( $values ) : 0;
		$peak   = $max > 0 ? (int) array_search( $max, $values, true ) : 0;

		$text = 0 === $total
			? __( 'Failures per hour over the last 24 hours: none.', 'auth-sentinel' )
			: sprintf(
				/* translators: 1: total failures, 2: failures in the busiest hour, 3: that hour's start time. */
				__( 'Failures per hour over the last 24 hours: %1$s in total, at most %2$s in one hour (from %3$s).', 'auth-sentinel' ),
				number_format_i18n( $total ),
				number_format_i18n( $max ),
				(string) wp_date( get_option( 'time_format' ) ? (string) get_option( 'time_format' ) : 'H:i', ( $first_hour + $peak ) * HOUR_IN_SECONDS )
			);

		$points = array();
		$step   = $count > 1 ? self::WIDTH / ( $count - 1 ) : 0;
		foreach ( $values as $i => $value ) {
			$x        = round( $i * $step, 1 );
			$y        = round( self::HEIGHT - 2 - ( $max > 0 ? $value / $max : 0 ) * ( self::HEIGHT - 4 ), 1 );
			$points[] = $x . ',' . $y;
		}
		$line = implode( ' ', $points );
		$area = '0,' . self::HEIGHT . ' ' . $line . ' ' . self::WIDTH . ',' . self::HEIGHT;

		$svg  = sprintf(
			'<svg class="auth-sentinel-sparkline" role="img" aria-label="%1$s" viewBox="0 0 %2$d %3$d" width="100%%" height="%3$d" preserveAspectRatio="none" focusable="false">',
			esc_attr( $text ),
			self::WIDTH,
			self::HEIGHT
		);
		$svg .= '<title>' . esc_html( $text ) . '</title>';
		$svg .= sprintf( '<polygon class="auth-sentinel-sparkline__area" points="%s" />', esc_attr( $area ) );
		$svg .= sprintf( '<polyline class="auth-sentinel-sparkline__line" points="%s" fill="none" vector-effect="non-scaling-stroke" />', esc_attr( $line ) );
		$svg .= '</svg>';
		return $svg;
	}
}
