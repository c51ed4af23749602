<?php
/**
 * Refuses revoked tokens, whatever plugin issued them and however they travel.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Events\Explanation;
use AuthSentinel\Events\Issuers;
use AuthSentinel\Events\TokenInspector;
use AuthSentinel\Http\Request;

defined( 'ABSPATH' ) || exit;

/**
 * Judges every token a request presents, in every form an issuer accepts it (Http\Request reads
 * them all), against the deny list and the not-before times — for the users its claims name and
 * for the user it signed in, whether or not anyone is signed in. That last part closes the
 * issuers' own refresh, login-by-token and validate routes: a revoked token presented there is
 * refused before the route can mint or vouch for a fresh one.
 *
 * It runs after every token plugin: determine_current_user at priority 1000 (signs the user out
 * again), rest_authentication_errors and rest_pre_dispatch at 1000 (401
 * auth_sentinel_token_revoked, also for plugins that sign in late or read the token from a JSON
 * body). Each refusal is handed to the failures capture once. A request that carries no token
 * in any form never builds this class.
 *
 * @since 0.1.0
 */
class TokenGate {

	/**
	 * The error code of a refused token.
	 */
	const CODE = 'auth_sentinel_token_revoked';

	/**
	 * Routes that never authenticate anyone and must answer about a revoked token, not refuse it.
	 */
	const EXEMPT_ROUTES = array( \AuthSentinel\Guards::TOKEN_STATUS_ROUTE );

	/**
	 * Token refusals, built when a token is first checked (a value no token plugin could have
	 * issued, sent by nobody signed in, is not).
	 *
	 * @var callable(): Revocations
	 */
	private $revocations;

	/**
	 * Lists the tokens in use, built when a token signed someone in.
	 *
	 * @var callable(): TokenTracker
	 */
	private $tracker;

	/**
	 * The request judged: a process that serves several requests (or reads forged ones) judges
	 * each afresh.
	 *
	 * @var Request|null
	 */
	private $request;

	/**
	 * Told of each refusal: function ( string $token, array $fact, array $claims, int[] $users ).
	 *
	 * @var callable|null
	 */
	private $on_refused;

	/**
	 * Tokens judged so far: token => the signed-in user it was judged with, for a token that
	 * could not be decoded (it is judged again once someone is signed in), or true.
	 *
	 * @var array<string, int|true>
	 */
	private $judged = array();

	/**
	 * Tokens whose use was noted in the inventory.
	 *
	 * @var array<string, bool>
	 */
	private $noted = array();

	/**
	 * The refusal of this request, once one was found.
	 *
	 * @var array{at: int, by: int, reason: string, token: string}|null
	 */
	private $verdict;

	/**
	 * Creates the gate.
	 *
	 * @param callable      $revocations Provides the token refusals (Revocations), built on the first call.
	 * @param callable      $tracker     Provides the list of tokens in use (TokenTracker), built on the first call.
	 * @param callable|null $on_refused  Told of each refusal (the failures capture, built only then).
	 */
	public function __construct( callable $revocations, callable $tracker, ?callable $on_refused = null ) {
		$this->revocations = $revocations;
		$this->tracker     = $tracker;
		$this->on_refused  = $on_refused;
	}

	/**
	 * Returns the current request's credentials, forgetting what was judged of another request.
	 *
	 * @return Request
	 */
	private function request(): Request {
		$current = Request::current();
		if ( $this->request !== $current ) {
			$this->request = $current;
			$this->judged  = array();
			$this->noted   = array();
			$this->verdict = null;
		}
		return $current;
	}

	/**
	 * Signs the user out again when a token of the request is refused (determine_current_user, late).
	 *
	 * @param int|false|\WP_Error $user_id The user the plugins found.
	 * @return int|false|\WP_Error
	 */
	public function determine_current_user( $user_id ) {
		if ( self::exempt( null ) ) {
			return $user_id;
		}
		$signed_in = is_numeric( $user_id ) ? (int) $user_id : 0;
		return null !== $this->judge( $signed_in, null ) ? false : $user_id;
	}

	/**
	 * Answers 401 for a refused token (rest_authentication_errors, late).
	 *
	 * @param mixed $result The result so far.
	 * @return mixed
	 */
	public function rest_authentication_errors( $result ) {
		if ( self::exempt( null ) ) {
			return $result;
		}
		// A plugin may have signed the user in after determine_current_user (Simple JWT Login does).
		if ( null === $this->judge( get_current_user_id(), null ) ) {
			return $result;
		}
		wp_set_current_user( 0 );
		return $this->error();
	}

	/**
	 * Refuses the request before its route runs, with the tokens of its JSON body judged too
	 * (rest_pre_dispatch, late): the issuers' refresh and validate routes never see a revoked token.
	 *
	 * @param mixed                 $result  The response so far.
	 * @param \WP_REST_Server|null  $server  The server.
	 * @param \WP_REST_Request|null $request The request.
	 * @return mixed
	 */
	public function rest_pre_dispatch( $result, $server = null, $request = null ) {
		unset( $server );
		if ( self::exempt( $request ) || is_wp_error( $result ) ) {
			return $result;
		}
		if ( null === $this->judge( get_current_user_id(), $request instanceof \WP_REST_Request ? $request : null ) ) {
			return $result;
		}
		wp_set_current_user( 0 );
		return $this->error();
	}

	/**
	 * Returns the refusal of this request, null when none was found.
	 *
	 * @return array{at: int, by: int, reason: string, token: string}|null
	 */
	public function verdict(): ?array {
		$this->request();
		return $this->verdict;
	}

	/**
	 * Judges the tokens of the request not judged yet; the first refusal decides.
	 *
	 * @param int                   $signed_in The user signed in so far, 0 for none.
	 * @param \WP_REST_Request|null $rest      The REST request, for its body's tokens.
	 * @return array{at: int, by: int, reason: string, token: string}|null The refusal.
	 */
	private function judge( int $signed_in, $rest ) {
		$request = $this->request();
		if ( null !== $this->verdict ) {
			return $this->verdict;
		}
		foreach ( $request->tokens( $rest ) as $item ) {
			$token = $item['token'];
			$done  = $this->judged[ $token ] ?? null;
			if ( true === $done && $signed_in > 0 && ! isset( $this->noted[ $token ] ) ) {
				$this->note_use( $token, $signed_in ); // Judged before a plugin signed the user in (Simple JWT Login does it late).
			}
			if ( true === $done || ( null !== $done && ( 0 === $signed_in || $done === $signed_in ) ) ) {
				continue;
			}
			$fact = $this->judge_one( $token, $signed_in );
			if ( null !== $fact ) {
				$this->verdict = $fact + array( 'token' => $token );
				return $this->verdict;
			}
		}
		return null;
	}

	/**
	 * Judges one token; notes what it signed in when allowed.
	 *
	 * @param string $token     The raw token (only decoded and fingerprinted).
	 * @param int    $signed_in The user signed in so far, 0 for none.
	 * @return array{at: int, by: int, reason: string}|null The refusal.
	 */
	private function judge_one( string $token, int $signed_in ): ?array {
		$inspector = new TokenInspector();
		$claims    = array();
		$users     = array();
		$shape     = false;
		try {
			$decoded = $inspector->decode( $token );
			$shape   = $decoded['shape'];
			if ( $shape ) {
				$claims = $decoded['claims'];
				// Nobody signed in: a refresh or login-by-token route; Simple JWT Login may name users by address.
				$users = $inspector->claimed_users( $claims, 0 === $signed_in );
			}
			if ( $signed_in > 0 ) {
				$users[] = $signed_in;
			}
			if ( ! $shape && 0 === $signed_in ) {
				$this->judged[ $token ] = 0; // Unreadable, and it signed nobody in: judged again if someone is signed in later.
				return null;
			}
			$fact = ( $this->revocations )()->check( $token, $claims, $users, $shape );
		} catch ( \Throwable $e ) {
			// Fail closed: a token that cannot be checked does not sign anyone in.
			$fact = array(
				'at'     => time(),
				'by'     => 0,
				'reason' => 'unverifiable',
			);
		}
		$this->judged[ $token ] = $shape ? true : $signed_in;
		if ( null !== $fact ) {
			$this->refused( $token, $fact, $claims, $users );
			return $fact;
		}
		if ( $signed_in > 0 && $claims ) {
			$this->note_use( $token, $signed_in, $claims );
		}
		return null;
	}

	/**
	 * Lists a token that signed a user in (its own user: a token signed in by a cookie beside it
	 * is not that user's session).
	 *
	 * @param string                    $token     The raw token.
	 * @param int                       $signed_in The user signed in.
	 * @param array<string, mixed>|null $claims    Its claims, when decoded already.
	 * @return void
	 */
	private function note_use( string $token, int $signed_in, ?array $claims = null ): void {
		$this->noted[ $token ] = true;
		$inspector             = new TokenInspector();
		if ( null === $claims ) {
			$decoded = $inspector->decode( $token );
			$claims  = $decoded['shape'] ? $decoded['claims'] : array();
		}
		if ( ! $claims || ! in_array( $signed_in, $inspector->claimed_users( $claims, true ), true ) ) {
			return;
		}
		// Only a token a secret the site holds verifies: never one from unverified claims (a
		// signed-in user could list any number of self-made tokens beside their cookie).
		$issuer = $this->issuer_name( $token, $claims );
		if ( null !== $issuer ) {
			( $this->tracker )()->seen( $signed_in, $token, $claims, $issuer );
		}
	}

	/**
	 * Tells the failures capture of a refusal; nothing it does may break the refusal.
	 *
	 * @param string               $token  The raw token.
	 * @param array<string, mixed> $fact   Why.
	 * @param array<string, mixed> $claims Its claims.
	 * @param int[]                $users  Whose token it may be.
	 * @return void
	 */
	private function refused( string $token, array $fact, array $claims, array $users ): void {
		if ( null === $this->on_refused ) {
			return;
		}
		try {
			( $this->on_refused )( $token, $fact, $claims, $users );
		} catch ( \Throwable $e ) {
			unset( $e ); // Recording never decides a refusal.
		}
	}

	/**
	 * Returns the refusal's facts for a token (for the diagnosis and the apps' endpoint).
	 *
	 * @param string $token The raw token.
	 * @return array{at: int, by: int, reason: string}|null
	 */
	public function revocation_of( string $token ): ?array {
		$inspector = new TokenInspector();
		$decoded   = $inspector->decode( $token );
		if ( ! $decoded['shape'] ) {
			return null;
		}
		return ( $this->revocations )()->check( $token, $decoded['claims'], $inspector->claimed_users( $decoded['claims'], true ) );
	}

	/**
	 * Tells whether a route never authenticates anyone (the apps' own status route).
	 *
	 * @param \WP_REST_Request|null $request The REST request, if known.
	 * @return bool
	 */
	private static function exempt( $request ): bool {
		global $wp;
		$route = $request instanceof \WP_REST_Request ? $request->get_route() : (string) ( $wp->query_vars['rest_route'] ?? '' );
		return '' !== $route && in_array( '/' . ltrim( $route, '/' ), self::EXEMPT_ROUTES, true );
	}

	/**
	 * Names the plugin whose secret signed a token (for the inventory); null when no secret the
	 * site holds verifies it.
	 *
	 * @param string               $token  The raw token.
	 * @param array<string, mixed> $claims Its claims.
	 * @return string|null
	 */
	private function issuer_name( string $token, array $claims ): ?string {
		$inspector = new TokenInspector();
		$issuers   = new Issuers();
		$type      = isset( $claims['type'] ) && is_string( $claims['type'] ) ? $claims['type'] : null;
		foreach ( $issuers->secrets( $type ) as $issuer => $secret ) {
			if ( $inspector->signed_with( $token, $secret ) ) {
				return Explanation::issuer( $issuers->refine( $issuer, $inspector->public_claims( $claims ) ) );
			}
		}
		return null;
	}

	/**
	 * Builds the 401 answer.
	 *
	 * @return \WP_Error
	 */
	private function error(): \WP_Error {
		return new \WP_Error(
			self::CODE,
			__( 'This token was revoked. Sign in again.', 'auth-sentinel' ),
			array( 'status' => 401 )
		);
	}
}
