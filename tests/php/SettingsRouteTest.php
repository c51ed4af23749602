<?php
/**
 * The settings route: who may read and change the settings, what it accepts, what it keeps,
 * and the audit row each change leaves.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Settings\Settings;

/**
 * GET and POST /auth-sentinel/v1/settings.
 */
class SettingsRouteTest extends TestCase {

	/**
	 * The stored option before the test, null when there was none.
	 *
	 * @var mixed
	 */
	private $stored;

	/**
	 * Remembers the settings.
	 *
	 * @return void
	 */
	protected function setUp(): void {
		parent::setUp();
		$this->stored = get_option( Settings::OPTION, null );
		delete_option( Settings::OPTION ); // Every test starts from the defaults.
	}

	/**
	 * Puts the settings back.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		wp_cache_flush();
		if ( null === $this->stored ) {
			delete_option( Settings::OPTION );
		} else {
			update_option( Settings::OPTION, $this->stored );
		}
		parent::tearDown();
	}

	/**
	 * Saves settings over HTTP as a user, with a JSON body.
	 *
	 * @param array<string, mixed> $values The settings to send.
	 * @param string|null          $as     Login, null for anonymous.
	 * @return array{status: int, body: string, json: mixed, headers: array<string, string>}
	 */
	private function save( array $values, ?string $as = 'admin' ): array {
		$options = array(
			'headers' => array( 'Content-Type: application/json' ),
			'body'    => (string) wp_json_encode( $values ),
		);
		if ( null !== $as ) {
			$options['as'] = $as;
		}
		return $this->http( 'POST', '/wp-json/auth-sentinel/v1/settings', $options );
	}

	/**
	 * Reads the settings as stored, past this process's caches.
	 *
	 * @return array<string, mixed>
	 */
	private function stored_settings(): array {
		wp_cache_flush();
		return Settings::all();
	}

	/**
	 * Only administrators read or change the settings: editors 403, visitors 401.
	 */
	public function test_permissions(): void {
		$route = '/auth-sentinel/v1/settings';
		$this->assertSame( 200, $this->rest( 'GET', $route, array(), $this->user( 'admin' ) )->get_status() );
		$this->assertSame( 403, $this->rest( 'GET', $route, array(), $this->user( 'editor' ) )->get_status() );
		$this->assertSame( 401, $this->rest( 'GET', $route )->get_status() );
		$this->assertSame( 403, $this->rest( 'POST', $route, array( 'anonymize_ip' => true ), $this->user( 'editor' ) )->get_status() );
		$this->assertSame( 401, $this->rest( 'POST', $route, array( 'anonymize_ip' => true ) )->get_status() );

		$this->assertSame( 200, $this->http( 'GET', '/wp-json' . $route, array( 'as' => 'admin' ) )['status'] );
		$this->assertSame( 403, $this->http( 'GET', '/wp-json' . $route, array( 'as' => 'editor' ) )['status'] );
		$this->assertSame( 401, $this->http( 'GET', '/wp-json' . $route )['status'] );
		$this->assertSame( 403, $this->save( array( 'anonymize_ip' => true ), 'editor' )['status'] );
		$this->assertSame( 401, $this->save( array( 'anonymize_ip' => true ), null )['status'] );
		$this->assertFalse( $this->stored_settings()['anonymize_ip'], 'refused changes are not saved' );
		$this->assertSame( 200, $this->save( array( 'anonymize_ip' => true ) )['status'] );
		$this->assertTrue( $this->stored_settings()['anonymize_ip'] );
	}

	/**
	 * GET answers every setting with its type, the webhook secret included.
	 */
	public function test_get_answers_every_setting(): void {
		$response = $this->http( 'GET', '/wp-json/auth-sentinel/v1/settings', array( 'as' => 'admin' ) );
		$this->assertSame( array_keys( Settings::DEFAULTS ), array_keys( $response['json'] ) );
		$this->assertSame( 365, $response['json']['audit_retention_days'] );
		$this->assertFalse( $response['json']['anonymize_ip'] );
		$this->assertSame( array( 'secrets_changed', 'failure_spike', 'all_sessions_revoked' ), $response['json']['alert_on'] );
		$this->assertStringContainsString( '"session_limits":{}', $response['body'], 'an object, even empty' );
		$this->assertSame( '', $response['json']['alert_webhook_secret'] );

		$options = $this->http( 'OPTIONS', '/wp-json/auth-sentinel/v1/settings', array( 'as' => 'admin' ) )['json'];
		$this->assertSame( 3650, $options['schema']['properties']['audit_retention_days']['maximum'] );
		$this->assertTrue( $options['schema']['properties']['alert_webhook_secret']['readonly'] );
	}

	/**
	 * Each bad value is refused with a 400 that names the field, and nothing is saved.
	 */
	public function test_bad_values_are_refused(): void {
		$cases = array(
			array( 'events_retention_days', 0 ),
			array( 'events_retention_days', 3651 ),
			array( 'audit_retention_days', 'a year' ),
			array( 'audit_retention_days', 0 ),
			array( 'anonymize_ip', 'maybe' ),
			array( 'revoke_on_password_change', 'sometimes' ),
			array( 'revoke_on_email_change', array() ),
			array( 'revoke_on_role_change', 2 ),
			array( 'alerts_email', 'yes please' ),
			array( 'session_limits', array( 'ghost' => 2 ) ),
			array( 'session_limits', array( 'editor' => 101 ) ),
			array( 'session_limits', array( 'editor' => -1 ) ),
			array( 'session_limits', 'editor=2' ),
			array( 'alert_emails', 'ops@example.com, not-an-address' ),
			array( 'alert_on', array( 'failure_spike', 'full_moon' ) ),
			array( 'alert_on', 'full_moon' ),
			array( 'alert_spike_threshold', 0 ),
			array( 'alert_spike_threshold', 100001 ),
			array( 'alert_webhook_url', 'ftp://example.com/hook' ),
			array( 'alert_webhook_url', 'javascript:alert(1)' ),
			array( 'alert_webhook_url', 'https://' ),
			array( 'alert_webhook_url', 'not a url' ),
			array( 'alert_webhook_url', 'https://exa mple.com/' ),
			array( 'alert_webhook_secret', 'chosen-by-the-client' ),
		);
		foreach ( $cases as list( $field, $value ) ) {
			$label    = $field . '=' . wp_json_encode( $value );
			$response = $this->save( array( $field => $value ) );
			$this->assertSame( 400, $response['status'], $label . ': ' . $response['body'] );
			$this->assertSame( 'rest_invalid_param', $response['json']['code'], $label );
			$this->assertSame( array( $field ), array_keys( $response['json']['data']['params'] ), $label );
		}

		$emails = $this->save( array( 'alert_emails' => 'ops@example.com, not-an-address' ) );
		$this->assertStringContainsString( 'not-an-address', $emails['json']['data']['params']['alert_emails'], 'the message names the bad address' );
		$this->assertStringNotContainsString( 'ops@example.com', $emails['json']['data']['params']['alert_emails'] );
		$role = $this->save( array( 'session_limits' => array( 'ghost' => 2 ) ) );
		$this->assertStringContainsString( 'ghost', $role['json']['data']['params']['session_limits'] );

		// Several bad fields: each named; a good field sent with them is not saved either.
		$several = $this->save(
			array(
				'audit_retention_days'  => 0,
				'alert_spike_threshold' => -5,
				'anonymize_ip'          => true,
			)
		);
		$this->assertSame( 400, $several['status'] );
		$this->assertEqualsCanonicalizing( array( 'audit_retention_days', 'alert_spike_threshold' ), array_keys( $several['json']['data']['params'] ) );
		$this->assertSame( Settings::DEFAULTS, $this->stored_settings(), 'nothing saved' );
	}

	/**
	 * A partial update changes what it names, keeps the rest, and lasts.
	 */
	public function test_partial_update_persists(): void {
		$response = $this->save(
			array(
				'audit_retention_days'       => 30,
				'revoke_on_role_change'      => true,
				'session_limits'             => array(
					'editor'     => 2,
					'subscriber' => 0,
				),
				'alert_emails'               => ' ops@example.com ,security@example.org, ',
				'alert_on'                   => array( 'failure_spike', 'failure_spike' ),
				'alert_spike_threshold'      => 250,
				'events_retention_days'      => '45',
				'unknown_setting_is_ignored' => 1,
			)
		);
		$this->assertSame( 200, $response['status'], $response['body'] );
		$expected = array(
			'audit_retention_days'  => 30,
			'revoke_on_role_change' => true,
			'session_limits'        => array(
				'editor'     => 2,
				'subscriber' => 0,
			),
			'alert_emails'          => 'ops@example.com, security@example.org',
			'alert_on'              => array( 'failure_spike' ),
			'alert_spike_threshold' => 250,
			'events_retention_days' => 45,
		) + Settings::DEFAULTS;
		$this->assertSame( array_keys( Settings::DEFAULTS ), array_keys( $response['json'] ), 'answers every setting' );
		foreach ( $expected as $key => $value ) {
			$this->assertSame( $value, $response['json'][ $key ], $key );
		}
		$stored = $this->stored_settings();
		foreach ( $expected as $key => $value ) {
			$this->assertSame( $value, $stored[ $key ], $key . ' stored' );
		}
		$this->assertArrayNotHasKey( 'unknown_setting_is_ignored', (array) get_option( Settings::OPTION ) );

		// The next partial update keeps the first one.
		$this->assertSame( 200, $this->save( array( 'anonymize_ip' => true ) )['status'] );
		$again = $this->http( 'GET', '/wp-json/auth-sentinel/v1/settings', array( 'as' => 'admin' ) )['json'];
		$this->assertTrue( $again['anonymize_ip'] );
		$this->assertSame( 30, $again['audit_retention_days'] );
		$this->assertSame(
			array(
				'editor'     => 2,
				'subscriber' => 0,
			),
			$again['session_limits']
		);

		// Empty values that mean "none".
		$cleared = $this->save(
			array(
				'session_limits' => new \stdClass(),
				'alert_emails'   => '',
				'alert_on'       => array(),
			)
		)['json'];
		$this->assertSame( array(), $cleared['session_limits'] );
		$this->assertSame( '', $cleared['alert_emails'] );
		$this->assertSame( array(), $cleared['alert_on'] );
	}

	/**
	 * Setting a webhook address for the first time generates its secret once; the admin reads
	 * it back, can send it back unchanged, and cannot choose it.
	 */
	public function test_webhook_secret(): void {
		$first = $this->save( array( 'alert_webhook_url' => 'http://localhost:8871/hook' ) );
		$this->assertSame( 200, $first['status'], $first['body'] );
		$secret = $first['json']['alert_webhook_secret'];
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{64}$/', $secret );
		$this->assertSame( $secret, $this->stored_settings()['alert_webhook_secret'] );

		$second = $this->save( array( 'alert_webhook_url' => 'https://hooks.example.com/T0/B0/abc?x=1' ) );
		$this->assertSame( 200, $second['status'], $second['body'] );
		$this->assertSame( $secret, $second['json']['alert_webhook_secret'], 'kept when the address changes' );

		// A form that posts back every field it read is accepted as is.
		$round_trip = $this->save( $second['json'] );
		$this->assertSame( 200, $round_trip['status'], $round_trip['body'] );
		$this->assertSame( $secret, $round_trip['json']['alert_webhook_secret'] );
		$this->assertSame( 400, $this->save( array( 'alert_webhook_secret' => str_repeat( 'a', 64 ) ) )['status'] );

		$this->assertSame( 200, $this->save( array( 'alert_webhook_url' => '' ) )['status'], 'empty: no webhook' );
		$this->assertSame( 200, $this->save( array( 'alert_webhook_url' => 'https://[::1]:8443/hook' ) )['status'], 'an IPv6 host' );
	}

	/**
	 * Each save is audited once, as the administrator who made it: the names that changed and
	 * their values, never the webhook secret, and the webhook address without its path.
	 */
	public function test_changes_are_audited(): void {
		$admin    = $this->user( 'admin' );
		$response = $this->save(
			array(
				'audit_retention_days' => 60,
				'anonymize_ip'         => true,
				'alert_webhook_url'    => 'https://hooks.example.com/services/T000/B000/XXXXSECRET',
			)
		);
		$this->assertSame( 200, $response['status'], $response['body'] );
		$secret = $response['json']['alert_webhook_secret'];

		$rows = $this->http( 'GET', '/wp-json/auth-sentinel/v1/audit?action=settings_changed&per_page=1', array( 'as' => 'admin' ) )['json'];
		$this->assertCount( 1, $rows );
		$row = $rows[0];
		$this->assertSame( $admin, $row['actor_id'] );
		$this->assertSame( array( 'audit_retention_days', 'anonymize_ip', 'alert_webhook_url', 'alert_webhook_secret' ), $row['details']['changed'] );
		$this->assertSame(
			array(
				'from' => 365,
				'to'   => 60,
			),
			$row['details']['values']['audit_retention_days']
		);
		$this->assertSame( 'https://hooks.example.com/…', $row['details']['values']['alert_webhook_url']['to'] );
		$this->assertArrayNotHasKey( 'alert_webhook_secret', $row['details']['values'] );
		$raw = wp_json_encode( $row );
		$this->assertStringNotContainsString( $secret, $raw, 'the secret is never recorded' );
		$this->assertStringNotContainsString( 'XXXXSECRET', $raw, 'nor the webhook path' );
		$this->assertSame( 'Changed settings: audit retention, IP anonymisation, webhook URL, webhook secret', $row['summary'] );

		// Saving the same values again changes nothing and records nothing.
		$this->save( array( 'audit_retention_days' => 60 ) );
		$again = $this->http( 'GET', '/wp-json/auth-sentinel/v1/audit?action=settings_changed&per_page=1', array( 'as' => 'admin' ) )['json'];
		$this->assertSame( $row['id'], $again[0]['id'] );
	}

	/**
	 * A JSON body that is not an object, or a value of the wrong shape for the read-only secret,
	 * gets a clear 400 and no PHP warning (found by FuzzTest: WordPress itself warned on `1.5`,
	 * and an array sent as the secret was turned into a string).
	 */
	public function test_bodies_of_the_wrong_shape_are_refused_cleanly(): void {
		$mark = $this->debug_log_mark();
		foreach ( array( '1.5', '"events_retention_days"', 'true', '17' ) as $body ) {
			$answer = $this->http(
				'POST',
				'/wp-json/auth-sentinel/v1/settings',
				array(
					'as'      => 'admin',
					'headers' => array( 'Content-Type: application/json' ),
					'body'    => $body,
				)
			);
			$this->assertSame( 400, $answer['status'], $body );
			$this->assertSame( 'rest_invalid_json', $answer['json']['code'], $body );
		}
		$secret = $this->save( array( 'alert_webhook_secret' => array( 'x' ) ) );
		$this->assertSame( 400, $secret['status'] );
		$this->assertSame( 'rest_invalid_param', $secret['json']['code'] );
		$this->assertSame( array(), array_values( preg_grep( '/PHP (Warning|Notice|Deprecated|Fatal)/', $this->debug_log_since( $mark ) ) ) );
	}
}
