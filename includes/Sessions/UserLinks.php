<?php
/**
 * The way to a user's sessions from WordPress's own user screens.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Admin\AdminPages;
use AuthSentinel\Capabilities;

defined( 'ABSPATH' ) || exit;

/**
 * Adds a "Sessions" row action to the Users list and a Sessions section to the profile screen.
 *
 * @since 0.1.0
 */
class UserLinks {

	/**
	 * The index, for the profile's counts.
	 *
	 * @var SessionIndex
	 */
	private $index;

	/**
	 * Creates the links.
	 *
	 * @param SessionIndex $index The index.
	 */
	public function __construct( SessionIndex $index ) {
		$this->index = $index;
	}

	/**
	 * Returns the URL of a user's sessions.
	 *
	 * @param int $user_id The user.
	 * @return string
	 */
	public static function url( int $user_id ): string {
		return add_query_arg( 'user', $user_id, AdminPages::url( 'sessions' ) );
	}

	/**
	 * Adds the row action.
	 *
	 * @param array<string, string> $actions Row actions.
	 * @param \WP_User              $user    The row's user.
	 * @return array<string, string>
	 */
	public function row_action( $actions, $user ) {
		if ( ! $user instanceof \WP_User || ! Capabilities::current_user_can() ) {
			return $actions;
		}
		$actions['auth_sentinel_sessions'] = sprintf(
			'<a href="%1$s" aria-label="%2$s">%3$s</a>',
			esc_url( self::url( $user->ID ) ),
			/* translators: %s: user's display name. */
			esc_attr( sprintf( __( 'Sessions of %s', 'auth-sentinel' ), $user->display_name ) ),
			esc_html__( 'Sessions', 'auth-sentinel' )
		);
		return $actions;
	}

	/**
	 * Prints the profile's Sessions section.
	 *
	 * @param \WP_User $user The profile's user.
	 * @return void
	 */
	public function profile_section( $user ): void {
		if ( ! $user instanceof \WP_User || ! Capabilities::current_user_can() ) {
			return;
		}
		$counts = $this->index->count_by_type( array( 'user_id' => $user->ID ) );
		$labels = array(
			/* translators: %s: number. */
			'cookie'       => _n_noop( '%s browser session', '%s browser sessions', 'auth-sentinel' ),
			/* translators: %s: number. */
			'app_password' => _n_noop( '%s application password', '%s application passwords', 'auth-sentinel' ),
			/* translators: %s: number. */
			'wcpos'        => _n_noop( '%s WCPOS session', '%s WCPOS sessions', 'auth-sentinel' ),
			/* translators: %s: number. */
			'token'        => _n_noop( '%s token in use', '%s tokens in use', 'auth-sentinel' ),
		);
		$parts  = array();
		foreach ( $labels as $type => $noop ) {
			if ( $counts[ $type ] > 0 ) {
				$parts[] = sprintf( translate_nooped_plural( $noop, $counts[ $type ], 'auth-sentinel' ), number_format_i18n( $counts[ $type ] ) );
			}
		}
		?>
		<h2 id="auth-sentinel-sessions"><?php esc_html_e( 'Sessions (Auth Sentinel)', 'auth-sentinel' ); ?></h2>
		<table class="form-table" role="presentation">
			<tr>
				<th scope="row"><?php esc_html_e( 'Signed in', 'auth-sentinel' ); ?></th>
				<td>
					<p><?php echo esc_html( $parts ? implode( ', ', $parts ) : __( 'No live session.', 'auth-sentinel' ) ); ?></p>
					<p><a class="button" href="<?php echo esc_url( self::url( $user->ID ) ); ?>"><?php esc_html_e( 'See and revoke sessions', 'auth-sentinel' ); ?></a></p>
				</td>
			</tr>
		</table>
		<?php
	}
}
