<?php
/**
 * Helpers of the security tests: throwaway users, revocation as an administrator, requests
 * carrying a token in each form an issuer accepts.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests\Security;

require_once ABSPATH . 'wp-admin/includes/user.php'; // wp_delete_user().

/**
 * Use in a TestCase with EventsTrait and FixtureTrait; call forget_made_users() in tearDown().
 */
trait SecurityTrait {

	/**
	 * Users made by the test.
	 *
	 * @var int[]
	 */
	private $made_users = array();

	/**
	 * What to undo at the end of the test.
	 *
	 * @var callable[]
	 */
	private $cleanups = array();

	/**
	 * Runs a callback at the end of the test.
	 *
	 * @param callable $cleanup What to undo.
	 * @return void
	 */
	protected function on_teardown( callable $cleanup ): void {
		$this->cleanups[] = $cleanup;
	}

	/**
	 * Makes a user whose password is "password".
	 *
	 * @param string $role The role.
	 * @return array{0: int, 1: string} Id and login.
	 */
	protected function make_user( string $role = 'author' ): array {
		$login = 'sec-' . strtolower( wp_generate_password( 8, false ) );
		$id    = wp_insert_user(
			array(
				'user_login'   => $login,
				'user_pass'    => 'password',
				'user_email'   => $login . '@example.org',
				'role'         => $role,
				'display_name' => 'Sec ' . $login,
			)
		);
		$this->assertIsInt( $id );
		$this->made_users[] = $id;
		return array( $id, $login );
	}

	/**
	 * Deletes the users the test made and the revocation state it left.
	 *
	 * @return void
	 */
	protected function forget_made_users(): void {
		foreach ( array_reverse( $this->cleanups ) as $cleanup ) {
			$cleanup();
		}
		$this->cleanups = array();
		foreach ( $this->made_users as $user_id ) {
			wp_delete_user( $user_id );
		}
		$this->made_users = array();
		delete_option( 'auth_sentinel_tokens_not_before' );
		if ( is_multisite() ) {
			delete_site_option( 'auth_sentinel_tokens_not_before' );
		}
	}

	/**
	 * Revokes every credential of a user as the administrator (dispatched in-process: Simple JWT
	 * Login, when active, refuses every Authorization header it cannot read as a JWT, the
	 * administrator's application password included).
	 *
	 * @param int $user_id The user.
	 * @return array<string, mixed> The answer.
	 */
	protected function revoke_user_as_admin( int $user_id ): array {
		$done = $this->rest( 'DELETE', '/auth-sentinel/v1/users/' . $user_id . '/sessions', array( 'application_passwords' => false ), $this->user( 'admin' ) );
		$this->assertSame( 200, $done->get_status(), (string) wp_json_encode( $done->get_data() ) );
		return (array) $done->get_data();
	}

	/**
	 * Returns the failures recorded for this test's requests, read in-process as the
	 * administrator (for tests where a token plugin refuses the administrator's Basic header).
	 *
	 * @return array<int, array<string, mixed>>
	 */
	protected function events_in_process(): array {
		$response = $this->rest( 'GET', '/auth-sentinel/v1/events', array( 'search' => $this->agent ), $this->user( 'admin' ) );
		$this->assertSame( 200, $response->get_status() );
		return (array) json_decode( (string) wp_json_encode( rest_get_server()->response_to_data( $response, false ) ), true );
	}

	/**
	 * Sends a request carrying a token in one of the forms issuers accept.
	 *
	 * @param string $form   bearer|bare|query-authorization|query-bearer|query-jwt|redirect|redirect-empty.
	 * @param string $path   The path (without the token's query parameter).
	 * @param string $token  The token.
	 * @param string $method HTTP method.
	 * @return array{status: int, body: string, json: mixed, headers: array<string, string>}
	 */
	protected function send_token( string $form, string $path, string $token, string $method = 'GET' ): array {
		$headers = array( $this->agent_header() );
		$join    = false === strpos( $path, '?' ) ? '?' : '&';
		switch ( $form ) {
			case 'bearer':
				$headers[] = 'Authorization: Bearer ' . $token;
				break;
			case 'bare':
				$headers[] = 'Authorization: ' . $token;
				break;
			case 'query-authorization':
				$path .= $join . 'authorization=' . rawurlencode( $token );
				break;
			case 'query-bearer':
				$path .= $join . 'authorization=' . rawurlencode( 'Bearer ' . $token );
				break;
			case 'query-jwt':
				$path .= $join . 'JWT=' . rawurlencode( $token );
				break;
			case 'redirect':
				$headers[] = 'Authorization: Bearer ' . $token;
				$headers[] = 'X-Fixture-Strip-Authorization: redirect';
				break;
			case 'redirect-empty':
				$headers[] = 'Authorization: Bearer ' . $token;
				$headers[] = 'X-Fixture-Strip-Authorization: redirect-empty';
				break;
			default:
				$this->fail( "unknown form $form" );
		}
		return $this->http( $method, $path, array( 'headers' => $headers ) );
	}
}
