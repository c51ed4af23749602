<?php
/**
 * The suggested privacy policy text.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Privacy;

use AuthSentinel\Settings\Settings;
use AuthSentinel\Sessions\Inventory;

defined( 'ABSPATH' ) || exit;

/**
 * Writes the text Auth Sentinel suggests for the site's privacy policy (Settings → Privacy →
 * Policy Guide): what is recorded, why, for how long, who sees it, and what the export and
 * erasure tools do. Built from the settings as they are now, so the retention periods and the
 * IP anonymisation it states are the ones in force.
 *
 * @since 0.1.0
 */
class PolicyText {

	/**
	 * Suggests the text to WordPress (on admin_init, as WordPress asks).
	 *
	 * @return void
	 */
	public static function add(): void {
		if ( ! function_exists( 'wp_add_privacy_policy_content' ) ) {
			return; // Outside wp-admin.
		}
		wp_add_privacy_policy_content( __( 'Auth Sentinel', 'auth-sentinel' ), self::content() );
	}

	/**
	 * Returns the suggested text, as HTML.
	 *
	 * @return string
	 */
	public static function content(): string {
		$settings = Settings::all();
		$events   = max( 1, (int) $settings['events_retention_days'] );
		$audit    = max( 1, (int) $settings['audit_retention_days'] );
		$ended    = (int) Inventory::KEEP_ENDED_DAYS;

		$html = array();

		$html[] = '<p class="privacy-policy-tutorial">' . esc_html__( 'Auth Sentinel records failed sign-ins and security events to protect the accounts on this site. This suggestion is written from its current settings: come back to it after changing the retention periods or the IP address anonymisation.', 'auth-sentinel' ) . '</p>';

		$html[] = '<h3>' . esc_html__( 'Sign-in security', 'auth-sentinel' ) . '</h3>';
		$html[] = '<p><strong class="privacy-policy-tutorial">' . esc_html__( 'Suggested text:', 'auth-sentinel' ) . ' </strong>'
			. esc_html__( 'When an attempt to sign in to this site or to use a sign-in fails (for example a wrong password, an expired or revoked session, or an app token the site does not accept), we record the time, the IP address and browser user agent of the request, the page or API address requested, the account concerned, and, when no account matches, the username or email address that was typed.', 'auth-sentinel' )
			. '</p>';
		$html[] = '<p>' . esc_html__( 'We also keep a security audit trail of events about accounts (sign-ins and sign-outs, sessions and application passwords created or revoked, password, email address and role changes) with the time, the IP address and user agent, and who made the change, and a list of each account’s sign-in sessions, application passwords and app tokens with the IP address and user agent that last used them.', 'auth-sentinel' ) . '</p>';
		$html[] = '<p>' . esc_html__( 'We never store passwords, cookies or tokens. To recognise a credential we keep only a short one-way fingerprint of it, from which the credential cannot be recovered.', 'auth-sentinel' ) . '</p>';
		$html[] = '<p>' . ( ! empty( $settings['anonymize_ip'] )
			? esc_html__( 'IP addresses are shortened before they are stored (the last part is removed), so that they identify a network rather than a device.', 'auth-sentinel' )
			: esc_html__( 'IP addresses are stored in full.', 'auth-sentinel' ) ) . '</p>';

		$html[] = '<p>' . esc_html__( 'We use this information only for the security of the site and its accounts: to detect password-guessing and other attacks, and to let administrators find out why a person or an app was signed out and revoke sessions that should not exist.', 'auth-sentinel' ) . '</p>';

		$html[] = '<p>' . esc_html(
			sprintf(
				/* translators: 1: days failed sign-ins are kept, 2: days the audit trail is kept, 3: days ended sessions are kept. */
				__( 'Failed sign-ins are kept for %1$s days and the security audit trail for %2$s days, then deleted automatically. Live sessions are listed for as long as they last; ended ones are kept for %3$s days after they end.', 'auth-sentinel' ),
				number_format_i18n( $events ),
				number_format_i18n( $audit ),
				number_format_i18n( $ended )
			)
		) . '</p>';

		$html[] = '<p>' . esc_html__( 'Only the site’s administrators can see this information. It is not shared with anyone else; security alerts about the site, which can name the administrator who took an action, go to the addresses the administrators chose.', 'auth-sentinel' ) . '</p>';

		$html[] = '<p>' . esc_html__( 'You can ask for an export of this information, or for it to be erased. On erasure, your failed sign-ins are kept only as anonymous counts (no account, no username, the IP address reduced to its network, no user agent); the audit trail keeps what happened to your account and when, as the site’s security record, with the IP address reduced to its network and without the user agent; your ended sessions are removed and your live ones stay listed, so that they can still be revoked, with the IP address reduced to its network and without the user agent.', 'auth-sentinel' ) . '</p>';

		return implode( "\n", $html );
	}
}
