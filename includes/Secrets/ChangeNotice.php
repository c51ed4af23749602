<?php
/**
 * The admin notice shown after the keys and salts change.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Secrets;

use AuthSentinel\Admin\AdminPages;
use AuthSentinel\Capabilities;

defined( 'ABSPATH' ) || exit;

/**
 * Tells administrators, on every admin screen, that the keys and salts just changed and what
 * that did, until they dismiss it or a week has passed.
 *
 * @since 0.1.0
 */
class ChangeNotice {

	/**
	 * User meta holding the time of the last change the user dismissed.
	 */
	const DISMISSED_META = 'auth_sentinel_dismissed_change';

	/**
	 * The admin-post action that dismisses the notice.
	 */
	const DISMISS_ACTION = \AuthSentinel\Hooks::DISMISS_NOTICE;

	/**
	 * How long a change is announced.
	 */
	const SHOW_FOR = WEEK_IN_SECONDS;

	/**
	 * The known state.
	 *
	 * @var SecretsState
	 */
	private $state;

	/**
	 * Creates the notice.
	 *
	 * @param SecretsState $state The known state.
	 */
	public function __construct( SecretsState $state ) {
		$this->state = $state;
	}

	/**
	 * Returns the change to announce to the current user, or null.
	 *
	 * @return array<string, mixed>|null
	 */
	public function pending(): ?array {
		if ( ! Capabilities::current_user_can() ) {
			return null;
		}
		$state  = $this->state->cached();
		$change = is_array( $state ) && is_array( $state['last_change'] ?? null ) ? $state['last_change'] : null;
		if ( null === $change || (int) $change['at'] < time() - self::SHOW_FOR ) {
			return null;
		}
		$salts = array_values( array_intersect( (array) $change['changed'], SecretResolver::SALTS ) );
		if ( ! $salts ) {
			return null; // Token secrets and the site address are shown on the Secrets screen.
		}
		if ( (int) get_user_meta( get_current_user_id(), self::DISMISSED_META, true ) >= (int) $change['at'] ) {
			return null;
		}
		return array( 'names' => $salts ) + $change;
	}

	/**
	 * Prints the notice when there is a change to announce.
	 *
	 * @return void
	 */
	public function render(): void {
		$change = $this->pending();
		if ( null === $change ) {
			return;
		}
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- Only tells which screen this is.
		if ( isset( $_GET['page'] ) && AdminPages::SCREENS['secrets'] === $_GET['page'] ) {
			// Opening the Secrets screen is reviewing the change: it need not be announced again.
			update_user_meta( get_current_user_id(), self::DISMISSED_META, (int) $change['at'] );
			return;
		}

		$names  = $change['names'];
		$cookie = (bool) array_intersect( $names, SecretResolver::COOKIE_SALTS );
		$when   = sprintf(
			/* translators: %s: time since the change, e.g. "5 mins". */
			__( '%s ago', 'auth-sentinel' ),
			human_time_diff( (int) $change['at'] )
		);

		if ( $cookie ) {
			$effect = isset( $change['sessions'] )
				? sprintf(
					/* translators: 1: number of sessions, 2: number of users. */
					_n( 'Every signed-in user was signed out: %1$s session of %2$s user ended, and every sign-in cookie stopped working.', 'Every signed-in user was signed out: %1$s sessions of %2$s users ended, and every sign-in cookie stopped working.', (int) $change['sessions'], 'auth-sentinel' ),
					number_format_i18n( (int) $change['sessions'] ),
					number_format_i18n( (int) $change['users'] )
				)
				: __( 'Every signed-in user was signed out and every sign-in cookie stopped working.', 'auth-sentinel' );
		} else {
			$effect = __( 'Forms and app requests that were opened before the change fail their security check (nonce) until the page is reloaded.', 'auth-sentinel' );
		}

		$dismiss = wp_nonce_url( admin_url( 'admin-post.php?action=' . self::DISMISS_ACTION ), self::DISMISS_ACTION );
		?>
		<div class="notice notice-warning auth-sentinel-change-notice">
			<p>
				<strong>
					<?php
					echo esc_html(
						sprintf(
							/* translators: 1: list of key names, 2: time since the change. */
							__( 'WordPress keys and salts changed (%1$s), %2$s.', 'auth-sentinel' ),
							implode( ', ', $names ),
							$when
						)
					);
					?>
				</strong>
				<?php echo esc_html( $effect ); ?>
			</p>
			<p>
				<a class="button button-primary" href="<?php echo esc_url( AdminPages::url( 'secrets' ) ); ?>"><?php esc_html_e( 'Review on the Secrets screen', 'auth-sentinel' ); ?></a>
				<a class="button" href="<?php echo esc_url( $dismiss ); ?>"><?php esc_html_e( 'Dismiss', 'auth-sentinel' ); ?></a>
			</p>
		</div>
		<?php
	}

	/**
	 * Remembers that the current user has seen the latest change, then goes back.
	 *
	 * @return void
	 */
	public function dismiss(): void {
		check_admin_referer( self::DISMISS_ACTION );
		if ( ! Capabilities::current_user_can() ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to do that.', 'auth-sentinel' ), 403 );
		}
		$state = $this->state->cached();
		$at    = is_array( $state ) && is_array( $state['last_change'] ?? null ) ? (int) $state['last_change']['at'] : time();
		update_user_meta( get_current_user_id(), self::DISMISSED_META, $at );
		wp_safe_redirect( wp_get_referer() ? wp_get_referer() : admin_url() );
		exit;
	}
}
