<?php
/**
 * Helpers for tests that use the fixture token issuers (tests/fixtures/plugins): enabling
 * them, the JWT_AUTH_SECRET_KEY constant, Bearer requests, code run inside the site, and the
 * site's debug.log. Everything a test changes is put back by restore_fixtures(): the option,
 * extra-config.php, capabilities given, and the secret options the fixtures create on first
 * use (woocommerce_pos_secret_key, woocommerce_pos_refresh_secret_key, simple_jwt_login_settings).
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

require_once dirname( __DIR__ ) . '/fixtures/lib/jwt.php';

/**
 * Use in a TestCase; call restore_fixtures() from tearDown().
 */
trait FixtureTrait {

	/**
	 * The option auth_sentinel_fixture_issuers before the test: [ existed, value ].
	 *
	 * @var array|null
	 */
	private $fixture_saved_option;

	/**
	 * The site's extra-config.php before the test (false: there was none).
	 *
	 * @var string|false|null
	 */
	private $fixture_saved_extra_config;

	/**
	 * Options the fixtures create (their secrets) as they were before the test: name => [ existed, value ].
	 *
	 * @var array<string, array{0: bool, 1: mixed}>
	 */
	private $fixture_saved_secrets = array();

	/**
	 * Capabilities given to users by the test: [ user id, capability ].
	 *
	 * @var array<int, array{0: int, 1: string}>
	 */
	private $fixture_granted_caps = array();

	/**
	 * Enables exactly these fixture issuers on the site (the autoloaded option
	 * auth_sentinel_fixture_issuers).
	 *
	 * @param string[] $slugs Fixture slugs, e.g. fixture-wcpos.
	 * @return void
	 */
	protected function enable_fixtures( array $slugs ): void {
		global $wpdb;
		if ( null === $this->fixture_saved_option ) {
			$raw                        = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", 'auth_sentinel_fixture_issuers' ) );
			$this->fixture_saved_option = array( null !== $raw, null === $raw ? null : maybe_unserialize( $raw ) );
		}
		foreach ( array( 'woocommerce_pos_secret_key', 'woocommerce_pos_refresh_secret_key', 'simple_jwt_login_settings' ) as $name ) {
			if ( ! array_key_exists( $name, $this->fixture_saved_secrets ) ) {
				$value                                = $this->stored_option( $name );
				$this->fixture_saved_secrets[ $name ] = array( null !== $value, $value );
			}
		}
		$this->forget_cached_options();
		update_option( 'auth_sentinel_fixture_issuers', array_values( $slugs ), true );
	}

	/**
	 * Sets JWT_AUTH_SECRET_KEY in the site's extra-config.php (null: not defined by this test).
	 *
	 * @param string|null $secret The secret.
	 * @return void
	 */
	protected function fixture_jwt_secret( ?string $secret ): void {
		$file = AUTH_SENTINEL_TEST_SITE . '/extra-config.php';
		if ( null === $this->fixture_saved_extra_config ) {
			$this->fixture_saved_extra_config = is_readable( $file ) ? (string) file_get_contents( $file ) : false;
		}
		$content = false === $this->fixture_saved_extra_config || '' === trim( $this->fixture_saved_extra_config ) ? "<?php\n" : rtrim( $this->fixture_saved_extra_config ) . "\n";
		if ( null !== $secret ) {
			$content .= sprintf( "if ( ! defined( 'JWT_AUTH_SECRET_KEY' ) ) {\n\tdefine( 'JWT_AUTH_SECRET_KEY', %s ); // Written by FixtureIssuersTest.\n}\n", var_export( $secret, true ) );
		}
		file_put_contents( $file, $content );
	}

	/**
	 * Gives a user a capability for the test.
	 *
	 * @param int    $user_id    User id.
	 * @param string $capability Capability.
	 * @return void
	 */
	protected function fixture_grant( int $user_id, string $capability ): void {
		( new \WP_User( $user_id ) )->add_cap( $capability );
		$this->fixture_granted_caps[] = array( $user_id, $capability );
	}

	/**
	 * Puts back the option, extra-config.php and capabilities as they were.
	 *
	 * @return void
	 */
	protected function restore_fixtures(): void {
		if ( null !== $this->fixture_saved_option ) {
			$this->forget_cached_options();
			if ( $this->fixture_saved_option[0] ) {
				update_option( 'auth_sentinel_fixture_issuers', $this->fixture_saved_option[1], true );
			} else {
				delete_option( 'auth_sentinel_fixture_issuers' );
			}
			$this->fixture_saved_option = null;
		}
		foreach ( $this->fixture_saved_secrets as $name => list( $existed, $value ) ) {
			$this->forget_cached_options();
			if ( $existed ) {
				update_option( $name, $value );
			} else {
				delete_option( $name );
			}
		}
		$this->fixture_saved_secrets = array();
		if ( null !== $this->fixture_saved_extra_config ) {
			$file = AUTH_SENTINEL_TEST_SITE . '/extra-config.php';
			if ( false === $this->fixture_saved_extra_config ) {
				unlink( $file );
			} else {
				file_put_contents( $file, $this->fixture_saved_extra_config );
			}
			$this->fixture_saved_extra_config = null;
		}
		foreach ( $this->fixture_granted_caps as list( $user_id, $capability ) ) {
			clean_user_cache( $user_id );
			( new \WP_User( $user_id ) )->remove_cap( $capability );
		}
		$this->fixture_granted_caps = array();
	}

	/**
	 * Makes this process read options from the database again (the site changes them).
	 *
	 * @return void
	 */
	protected function forget_cached_options(): void {
		wp_cache_delete( 'alloptions', 'options' );
		wp_cache_delete( 'notoptions', 'options' );
		wp_cache_delete( 'auth_sentinel_fixture_issuers', 'options' );
	}

	/**
	 * An option's value as stored now (not as this process cached it).
	 *
	 * @param string $name Option name.
	 * @return mixed Null when absent.
	 */
	protected function stored_option( string $name ) {
		global $wpdb;
		$raw = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", $name ) );
		return null === $raw ? null : maybe_unserialize( $raw );
	}

	/**
	 * Runs code inside the site (fresh process, fixtures as enabled now) and returns what the
	 * code returned, through JSON. Fails on anything else printed (a PHP warning, say).
	 *
	 * @param string $code PHP statements ending with a return.
	 * @return mixed
	 */
	protected function in_site( string $code ) {
		$output = $this->run_in_site( "echo '@@FIXTURE@@', wp_json_encode( ( static function () {\n" . $code . "\n} )() );" );
		$at     = strpos( $output, '@@FIXTURE@@' );
		$this->assertNotFalse( $at, "the code ran inside the site:\n" . $output );
		$this->assertSame( '', trim( substr( $output, 0, (int) $at ) ), 'nothing else printed inside the site' );
		return json_decode( substr( $output, (int) $at + strlen( '@@FIXTURE@@' ) ), true );
	}

	/**
	 * An HTTP request with a Bearer token (null: no Authorization header).
	 *
	 * @param string      $method  HTTP method.
	 * @param string      $path    Path, e.g. /wp-json/wp/v2/users/me.
	 * @param string|null $token   The token.
	 * @param array       $options More options for http(): headers, body, cookies.
	 * @return array{status: int, body: string, json: mixed, headers: array<string, string>}
	 */
	protected function bearer( string $method, string $path, ?string $token, array $options = array() ): array {
		if ( null !== $token ) {
			$options['headers']   = $options['headers'] ?? array();
			$options['headers'][] = 'Authorization: Bearer ' . $token;
		}
		return $this->http( $method, $path, $options );
	}

	/**
	 * The header and claims of a token, decoded without checking anything.
	 *
	 * @param string $jwt The token.
	 * @return array{header: array, claims: array}
	 */
	protected function peek( string $jwt ): array {
		$parts = explode( '.', $jwt );
		$this->assertCount( 3, $parts, 'three parts' );
		return array(
			'header' => json_decode( (string) \Auth_Sentinel_Fixture_HS256::b64url_decode( $parts[0] ), true ),
			'claims' => json_decode( (string) \Auth_Sentinel_Fixture_HS256::b64url_decode( $parts[1] ), true ),
		);
	}
}
