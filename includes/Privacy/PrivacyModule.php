<?php
/**
 * Wires the plugin into WordPress's privacy tools.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Privacy;

use AuthSentinel\Plugin;

defined( 'ABSPATH' ) || exit;

/**
 * Registers the personal data exporters and erasers, and the suggested privacy policy text.
 * Only filters and one admin_init action: nothing is built or read until WordPress asks.
 *
 * @since 0.1.0
 */
class PrivacyModule {

	/**
	 * The plugin.
	 *
	 * @var Plugin
	 */
	private $plugin;

	/**
	 * Keeps the plugin; builds nothing until a hook needs it.
	 *
	 * @param Plugin $plugin The plugin.
	 */
	public function __construct( Plugin $plugin ) {
		$this->plugin = $plugin;
	}

	/**
	 * Hooks the module.
	 *
	 * @return void
	 */
	public function register(): void {
		add_filter(
			'wp_privacy_personal_data_exporters',
			static function ( $exporters ) {
				return ( new Exporter( new PrivacyRepository() ) )->register( $exporters );
			}
		);
		add_filter(
			'wp_privacy_personal_data_erasers',
			static function ( $erasers ) {
				return ( new Eraser( new PrivacyRepository() ) )->register( $erasers );
			}
		);
		add_action( 'admin_init', array( PolicyText::class, 'add' ) );
	}

	/**
	 * Returns the plugin.
	 *
	 * @return Plugin
	 */
	public function plugin(): Plugin {
		return $this->plugin;
	}
}
