<?php
/**
 * One failed credential, diagnosed, before it is stored.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

defined( 'ABSPATH' ) || exit;

/**
 * What a capture hook learnt about a failure: where it came from, the server's code, the
 * diagnosed cause, whose credential it was, and non-secret facts. Never a raw credential.
 *
 * @since 0.1.0
 */
final class Failure {

	/**
	 * Where the credential came from: cookie, login_form, xmlrpc, application_password, rest_nonce, token, token_login (a token plugin's sign-in route), rest.
	 *
	 * @var string
	 */
	public $source;

	/**
	 * The code WordPress or the token plugin answered with.
	 *
	 * @var string
	 */
	public $server_code;

	/**
	 * The diagnosed cause (PRODUCT.md's list).
	 *
	 * @var string
	 */
	public $cause;

	/**
	 * The user the credential belongs to, 0 when unknown.
	 *
	 * @var int
	 */
	public $user_id = 0;

	/**
	 * A keyed fingerprint that identifies the credential across requests ('' for none).
	 *
	 * @var string
	 */
	public $credential = '';

	/**
	 * The token plugin that answered, '' when none.
	 *
	 * @var string
	 */
	public $issuer = '';

	/**
	 * The token's non-secret claims: fingerprint, iss, iat, exp, jti, type; null for no token.
	 *
	 * @var array<string, mixed>|null
	 */
	public $token;

	/**
	 * Facts behind the diagnosis (times, names), used to explain it.
	 *
	 * @var array<string, mixed>
	 */
	public $details = array();

	/**
	 * Creates a failure.
	 *
	 * @param string $source      Where the credential came from.
	 * @param string $server_code The server's code.
	 * @param string $cause       The diagnosed cause.
	 */
	public function __construct( string $source, string $server_code, string $cause ) {
		$this->source      = $source;
		$this->server_code = $server_code;
		$this->cause       = $cause;
	}
}
