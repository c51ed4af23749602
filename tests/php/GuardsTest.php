<?php
/**
 * The cheap tests on every request say "nothing to do" only when there is nothing to do.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Guards;
use AuthSentinel\Http\Request;
use AuthSentinel\Secrets\QuickDigest;

/**
 * `Guards::may_carry_token()` keeps the request reader unloaded on requests without a token; if
 * it ever said "no" where the reader finds a token, a revoked token would pass the gate
 * unchecked. `QuickDigest::unchanged()` keeps the secrets watch unbuilt; if it said "unchanged"
 * after a change, the change would go unnoticed until the hourly check.
 */
class GuardsTest extends TestCase {

	/**
	 * A token, three dot-separated parts.
	 */
	const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';

	/**
	 * The request globals before the test.
	 *
	 * @var array<string, array<mixed>>
	 */
	private $globals;

	/**
	 * Keeps the request globals.
	 *
	 * @return void
	 */
	protected function setUp(): void {
		parent::setUp();
		// phpcs:ignore WordPress.Security.NonceVerification -- Kept to be put back.
		$this->globals = array( $_SERVER, $_GET, $_POST, $_COOKIE );
	}

	/**
	 * Puts the request globals back.
	 *
	 * @return void
	 */
	protected function tearDown(): void {
		list( $_SERVER, $_GET, $_POST, $_COOKIE ) = $this->globals;
		Request::reset();
		parent::tearDown();
	}

	/**
	 * Sets the request globals of one request.
	 *
	 * @param array<string, mixed> $server  Server variables added to the test's.
	 * @param array<string, mixed> $query   Query parameters.
	 * @param array<string, mixed> $form    Form parameters.
	 * @param array<string, mixed> $cookies Cookies.
	 * @return void
	 */
	private function request( array $server, array $query = array(), array $form = array(), array $cookies = array() ): void {
		$_SERVER = array_merge( $this->globals[0], $server );
		unset( $_SERVER['HTTP_AUTHORIZATION'], $_SERVER['REDIRECT_HTTP_AUTHORIZATION'] );
		$_SERVER = array_merge( $_SERVER, $server );
		$_GET    = $query;
		$_POST   = $form;
		$_COOKIE = $cookies;
		Request::reset();
	}

	/**
	 * Each place a token plugin takes a token from: the reader finds it, and the guard lets it
	 * through to the reader.
	 */
	public function test_every_place_a_token_travels_reaches_the_reader(): void {
		$places = array(
			'Bearer header'               => array( array( 'HTTP_AUTHORIZATION' => 'Bearer ' . self::TOKEN ) ),
			'bare header'                 => array( array( 'HTTP_AUTHORIZATION' => self::TOKEN ) ),
			'REDIRECT_HTTP_AUTHORIZATION' => array( array( 'REDIRECT_HTTP_AUTHORIZATION' => 'Bearer ' . self::TOKEN ) ),
			'?authorization='             => array( array(), array( 'authorization' => self::TOKEN ) ),
			'?authorization=Bearer'       => array( array(), array( 'authorization' => 'Bearer ' . self::TOKEN ) ),
			'?JWT='                       => array( array(), array( 'JWT' => self::TOKEN ) ),
			'?jwt='                       => array( array(), array( 'jwt' => self::TOKEN ) ),
			'form JWT'                    => array( array(), array(), array( 'JWT' => self::TOKEN ) ),
			'?refresh_token='             => array( array(), array( 'refresh_token' => self::TOKEN ) ),
			'form refresh_token'          => array( array(), array(), array( 'Refresh_Token' => self::TOKEN ) ),
			'Simple JWT Login cookie'     => array( array(), array(), array(), array( 'simple-jwt-login-token' => self::TOKEN ) ),
		);
		foreach ( $places as $name => $place ) {
			$this->request( ...$place );
			$this->assertTrue( Request::current()->carries_token(), $name . ': the reader finds it' );
			$this->assertTrue( Guards::may_carry_token(), $name . ': the guard lets it through' );
			$this->assertTrue( Guards::carries_token(), $name );
		}
	}

	/**
	 * Ordinary requests, dots and all, do not load the reader.
	 */
	public function test_requests_without_a_token_stop_at_the_guard(): void {
		$requests = array(
			'nothing'                       => array( array() ),
			'an application password'       => array( array( 'HTTP_AUTHORIZATION' => 'Basic ' . base64_encode( 'admin:abcd.efgh.ijkl.mnop' ) ) ),
			'a browser with a dotted agent' => array( array( 'HTTP_USER_AGENT' => 'Mozilla/5.0 (X11) Chrome/120.0.0.0 Safari/537.36' ) ),
			'a version in the query'        => array( array(), array( 'ver' => '6.8.1' ) ),
			'a dotted analytics cookie'     => array( array(), array(), array(), array( '_ga' => 'GA1.2.3.4' ) ),
			'a sign-in form'                => array(
				array(),
				array(),
				array(
					'log' => 'a.b.c',
					'pwd' => 'x.y.z',
				),
			),
			'one dot in the header'         => array( array( 'HTTP_AUTHORIZATION' => 'Bearer abc.def' ) ),
		);
		foreach ( $requests as $name => $request ) {
			$this->request( ...$request );
			$this->assertFalse( Guards::may_carry_token(), $name );
			$this->assertFalse( Request::current()->carries_token(), $name . ': and the reader agrees' );
		}
	}

	/**
	 * The guard keeps its answer for a request while the places it read are unchanged, and a token
	 * put in one of them after an answer (a plugin copying a header, a parameter added) is seen:
	 * the token gate still runs for it.
	 */
	public function test_a_token_put_in_place_after_an_answer_is_seen(): void {
		$puts = array(
			'the header'          => static function (): void {
				$_SERVER['HTTP_AUTHORIZATION'] = 'Bearer ' . self::TOKEN;
			},
			'the redirect header' => static function (): void {
				$_SERVER['REDIRECT_HTTP_AUTHORIZATION'] = 'Bearer ' . self::TOKEN;
			},
			'the query'           => static function (): void {
				$_GET['authorization'] = self::TOKEN;
			},
			'the form'            => static function (): void {
				$_POST['JWT'] = self::TOKEN;
			},
			'the cookie'          => static function (): void {
				$_COOKIE[ Guards::TOKEN_COOKIE ] = self::TOKEN;
			},
		);
		foreach ( $puts as $name => $put ) {
			$this->request( array( 'HTTP_AUTHORIZATION' => 'Basic ' . base64_encode( 'admin:abcd efgh' ) ), array( 'ver' => '1' ) );
			$this->assertFalse( Guards::may_carry_token(), $name . ': no token yet' );
			$this->assertFalse( Guards::may_carry_token(), $name . ': asked again' );
			$put();
			Request::reset();
			$this->assertTrue( Guards::may_carry_token(), $name . ': the token put there is seen' );
			$this->assertTrue( Guards::carries_token(), $name );
		}
	}

	/**
	 * The quick digest's site address is the one get_option() gives, read from memory: each as
	 * stored without its trailing slash, an empty home being the site URL.
	 */
	public function test_the_quick_digests_address_is_get_options(): void {
		$this->assertSame( 'siteurl=' . get_option( 'siteurl' ) . "\0home=" . get_option( 'home' ), QuickDigest::address_material() );
		$all = array(
			'siteurl' => 'http://example.org/wp/',
			'home'    => 'http://example.org/',
		);
		$this->assertSame( "siteurl=http://example.org/wp\0home=http://example.org", QuickDigest::address_material( $all ) );
		$all['home'] = '';
		$this->assertSame( "siteurl=http://example.org/wp\0home=http://example.org/wp", QuickDigest::address_material( $all ) );
	}

	/**
	 * Random requests over every place and awkward values (spaces, "Bearer", encoded octets,
	 * tags, arrays, long values): whenever the reader finds a token, the guard let it through.
	 */
	public function test_the_guard_never_hides_a_token_the_reader_finds(): void {
		mt_srand( 1207 );
		$pieces = array( 'a', 'b.c', '.', '..', ' ', 'Bearer ', '%2E', '<b>.</b>', 'x.y.z', self::TOKEN, "\t", str_repeat( 'q.', 3 ) );
		$value  = static function () use ( $pieces ) {
			$out = '';
			for ( $i = wp_rand( 0, 4 ); $i > 0; $i-- ) {
				$out .= $pieces[ array_rand( $pieces ) ];
			}
			return 0 === wp_rand( 0, 15 ) ? array( $out ) : $out;
		};
		$found  = 0;
		for ( $n = 0; $n < 2000; $n++ ) {
			$server = array();
			foreach ( array( 'HTTP_AUTHORIZATION', 'REDIRECT_HTTP_AUTHORIZATION', 'HTTP_X_OTHER' ) as $key ) {
				if ( wp_rand( 0, 2 ) ) {
					$server[ $key ] = $value();
				}
			}
			$params = array();
			foreach ( array( 'authorization', 'Authorization', 'JWT', 'jwt', 'refresh_token', 'other' ) as $key ) {
				if ( 0 === wp_rand( 0, 2 ) ) {
					$params[ $key ] = $value();
				}
			}
			$form    = 0 === wp_rand( 0, 2 ) ? array( 'JwT' => $value() ) : array();
			$cookies = 0 === wp_rand( 0, 2 ) ? array( 'simple-jwt-login-token' => $value() ) : array();
			$this->request( array_filter( $server, 'is_string' ), $params, $form, $cookies );
			if ( Request::current()->carries_token() ) {
				++$found;
				$this->assertTrue( Guards::may_carry_token(), 'case ' . $n . ': ' . wp_json_encode( array( $server, $params, $form, $cookies ) ) );
			}
		}
		$this->assertGreaterThan( 100, $found, 'the random requests carried tokens often enough to mean something' );
	}

	/**
	 * Runs a test with options changed in memory only (the autoloaded options, as a request
	 * holds them), and puts them back: nothing is written, so no check of the secrets follows.
	 *
	 * @param array<string, string> $options Options to set.
	 * @param callable              $test    The test.
	 * @return void
	 */
	private function with_options_in_memory( array $options, callable $test ): void {
		$all = wp_load_alloptions();
		wp_cache_set( 'alloptions', array_merge( $all, $options ), 'options' );
		try {
			$test();
		} finally {
			wp_cache_set( 'alloptions', $all, 'options' );
		}
	}

	/**
	 * Where Simple JWT Login's settings may rename its places, the reader decides.
	 */
	public function test_renamed_places_leave_it_to_the_reader(): void {
		$this->request( array(), array( 'token' => self::TOKEN ) );
		$this->assertFalse( Guards::may_carry_token(), 'a parameter no plugin reads' );
		$this->with_options_in_memory(
			array( 'simple_jwt_login_settings' => (string) wp_json_encode( array( 'request_keys' => array( 'url' => 'token' ) ) ) ),
			function () {
				$this->request( array(), array( 'token' => self::TOKEN ) );
				$this->assertTrue( Guards::may_carry_token() );
				$this->assertTrue( Guards::carries_token(), 'the renamed parameter is read' );
			}
		);
	}

	/**
	 * The digest compared from memory equals the one the full check records, so a request after
	 * a check is "unchanged"; a changed token secret in memory is not. In a fresh process, which
	 * sees wp-config.php as it is now (other tests change the salts).
	 */
	public function test_the_digest_in_memory_is_the_recorded_one(): void {
		$this->http( 'GET', '/', array() ); // The site checks its secrets, and records any change.
		$answers = json_decode(
			$this->run_in_site(
				<<<'PHP'
use AuthSentinel\Guards;
use AuthSentinel\Plugin;
use AuthSentinel\Secrets\QuickDigest;
use AuthSentinel\Secrets\SecretResolver;

$answers  = array();
$all      = wp_load_alloptions();
$key      = (string) $all[ QuickDigest::KEY_OPTION ];
$resolver = Plugin::get( SecretResolver::class );
$answers['same digest']  = $resolver->quick_digest() === QuickDigest::quick( $key, 'quick', QuickDigest::material( $all ) );
$answers['same address'] = $resolver->address_digest() === QuickDigest::quick( $key, 'quick-address', QuickDigest::address_material() );
$answers['unchanged']    = QuickDigest::unchanged() && ! Guards::secrets_may_differ();
$changes = array(
	'new WCPOS secret'      => array( QuickDigest::TOKEN_OPTIONS[0] => 'a-new-secret-' . wp_generate_password( 32, false ) ),
	'Simple JWT Login key'  => array( QuickDigest::SIMPLE_JWT_LOGIN_OPTION => wp_json_encode( array( 'decryption_key' => 'a-key-' . wp_generate_password( 32, false ) ) ) ),
	'digest of another key' => array( QuickDigest::DIGEST_OPTION => str_repeat( 'a', 32 ) . '||' ),
	'salts in the database' => array( QuickDigest::DIGEST_OPTION => explode( '|', $all[ QuickDigest::DIGEST_OPTION ] )[0] . '|auth_key|' . explode( '|', $all[ QuickDigest::DIGEST_OPTION ] . '||' )[2] ),
);
foreach ( $changes as $name => $options ) {
	wp_cache_set( 'alloptions', array_merge( $all, $options ), 'options' ); // In memory only.
	$answers[ $name ] = QuickDigest::unchanged() || ! Guards::secrets_may_differ();
}
wp_cache_set( 'alloptions', $all, 'options' );
$answers['unchanged again'] = QuickDigest::unchanged();
echo wp_json_encode( $answers );
PHP
			),
			true
		);
		$this->assertSame(
			array(
				'same digest'           => true,
				'same address'          => true,
				'unchanged'             => true,
				'new WCPOS secret'      => false,
				'Simple JWT Login key'  => false,
				'digest of another key' => false,
				'salts in the database' => false,
				'unchanged again'       => true,
			),
			$answers
		);
	}
}
