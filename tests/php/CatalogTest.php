<?php
/**
 * The error catalog: who may read it, what it finds, and where each failure is filed.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Tests;

use AuthSentinel\Catalog\Catalog;
use AuthSentinel\Catalog\CatalogEntries;

/**
 * The catalog's data, its look-ups and its REST routes.
 */
class CatalogTest extends TestCase {

	/**
	 * Every server code PRODUCT.md names, with the entry it belongs to.
	 *
	 * @return array<string, array{string, string}>
	 */
	public static function product_server_codes(): array {
		$codes = array(
			// JWT Authentication for WP REST API.
			'jwt_auth_invalid_token'                     => 'token_invalid',
			'jwt_auth_bad_iss'                           => 'token_wrong_site',
			'jwt_auth_bad_auth_header'                   => 'authorization_header_missing',
			'jwt_auth_no_auth_header'                    => 'authorization_header_missing',
			'jwt_auth_bad_config'                        => 'token_plugin_misconfigured',
			'jwt_auth_bad_request'                       => 'token_plugin_misconfigured',
			'jwt_auth_unsupported_algorithm'             => 'token_plugin_misconfigured',
			// JWT Auth (usefulteam).
			'jwt_auth_obsolete_token'                    => 'token_obsolete',
			'jwt_auth_invalid_refresh_token'             => 'refresh_token_invalid',
			'jwt_auth_obsolete_refresh_token'            => 'refresh_token_invalid',
			'jwt_auth_expired_refresh_token'             => 'refresh_token_expired',
			// Simple JWT Login, with its numeric codes.
			'simple_jwt_login_middleware_error'          => 'token_invalid',
			'simple_jwt_login_middleware_error:11'       => 'token_invalid',
			'simple_jwt_login_middleware_error:14'       => 'token_expired',
			'simple_jwt_login_middleware_error:55'       => 'token_revoked',
			// WooCommerce POS, three m's where the plugin spells them so.
			'woocommerce_pos_auth_token_expired'         => 'token_expired',
			'woocommerce_pos_auth_token_revoked'         => 'token_revoked',
			'woocommerce_pos_auth_session_revoked'       => 'token_revoked',
			'woocommerce_pos_auth_refresh_token_revoked' => 'refresh_token_invalid',
			'woocommerce_pos_auth_user_not_found'        => 'token_user_unknown',
			'woocommmerce_pos_auth_invalid_token'        => 'token_invalid',
			'woocommmerce_pos_auth_bad_iss'              => 'token_wrong_site',
			// Auth Sentinel.
			'auth_sentinel_token_revoked'                => 'token_revoked',
			// WordPress core.
			'auth_cookie_expired'                        => 'cookie_expired',
			'auth_cookie_malformed'                      => 'cookie_invalid',
			'auth_cookie_bad_hash'                       => 'cookie_invalid',
			'auth_cookie_bad_username'                   => 'cookie_invalid',
			'auth_cookie_bad_session_token'              => 'session_ended',
			'wp_login_failed'                            => 'login_failed',
			'incorrect_password'                         => 'login_failed',
			'invalid_username'                           => 'login_failed',
			'invalid_email'                              => 'login_failed',
			'empty_username'                             => 'login_failed',
			'empty_password'                             => 'login_failed',
			'application_password_failed_authentication' => 'application_password_failed',
			'application_password_failed_authentication:incorrect_password' => 'application_password_failed',
			'application_passwords_disabled'             => 'application_password_failed',
			'application_passwords_disabled_for_user'    => 'application_password_failed',
			'rest_cookie_invalid_nonce'                  => 'rest_nonce_invalid',
			'rest_not_logged_in'                         => 'auth_unknown',
			'rest_forbidden'                             => 'auth_unknown',
		);
		$cases = array();
		foreach ( $codes as $code => $entry ) {
			$cases[ $code ] = array( $code, $entry );
		}
		return $cases;
	}

	/**
	 * Where diagnosed failures are filed: server code, cause, token type, source, entry.
	 *
	 * @return array<string, array{string, string, string|null, string, string}>
	 */
	public static function filing(): array {
		return array(
			'generic code, expired'            => array( 'jwt_auth_invalid_token', 'expired', null, 'token', 'token_expired' ),
			'generic code, keys changed'       => array( 'jwt_auth_invalid_token', 'secret_changed', null, 'token', 'token_invalid' ),
			'generic code, corrupted'          => array( 'jwt_auth_invalid_token', 'corrupted', 'access', 'token', 'token_invalid' ),
			'generic code, revoked'            => array( 'jwt_auth_invalid_token', 'revoked', null, 'token', 'token_revoked' ),
			'generic code, wrong site'         => array( 'jwt_auth_invalid_token', 'wrong_site', null, 'token', 'token_wrong_site' ),
			'generic code, password changed'   => array( 'jwt_auth_invalid_token', 'password_changed', null, 'token', 'token_obsolete' ),
			'generic code, user gone'          => array( 'jwt_auth_invalid_token', 'unknown_user', null, 'token', 'token_user_unknown' ),
			'generic code, cause not found'    => array( 'jwt_auth_invalid_token', 'unknown', null, '', 'token_invalid' ),
			'any case'                         => array( 'JWT_AUTH_INVALID_TOKEN', 'expired', null, '', 'token_expired' ),
			'WCPOS three m, expired'           => array( 'woocommmerce_pos_auth_invalid_token', 'expired', 'access', 'token', 'token_expired' ),
			'WCPOS refresh, keys changed'      => array( 'woocommmerce_pos_auth_invalid_token', 'secret_changed', 'refresh', 'token', 'refresh_token_invalid' ),
			'WCPOS refresh expired'            => array( 'woocommerce_pos_auth_token_expired', 'expired', 'refresh', 'token', 'refresh_token_expired' ),
			'WCPOS says expired, no diagnosis' => array( 'woocommerce_pos_auth_token_expired', 'unknown', 'refresh', 'token', 'refresh_token_expired' ),
			'WCPOS refresh revoked'            => array( 'woocommerce_pos_auth_refresh_token_revoked', 'revoked', 'refresh', 'token', 'refresh_token_invalid' ),
			'WCPOS access revoked'             => array( 'woocommerce_pos_auth_token_revoked', 'revoked', 'access', 'token', 'token_revoked' ),
			'issuer word stands'               => array( 'woocommerce_pos_auth_session_revoked', 'expired', 'access', 'token', 'token_revoked' ),
			'WCPOS user gone on refresh'       => array( 'woocommerce_pos_auth_user_not_found', 'unknown_user', 'refresh', 'token', 'token_user_unknown' ),
			'WCPOS bad iss'                    => array( 'woocommmerce_pos_auth_bad_iss', 'wrong_site', 'access', 'token', 'token_wrong_site' ),
			'Auth Sentinel revoked refresh'    => array( 'auth_sentinel_token_revoked', 'revoked', 'refresh', 'token', 'refresh_token_invalid' ),
			'usefulteam obsolete'              => array( 'jwt_auth_obsolete_token', 'password_changed', null, 'token', 'token_obsolete' ),
			'usefulteam obsolete refresh'      => array( 'jwt_auth_obsolete_refresh_token', 'password_changed', null, 'token', 'refresh_token_invalid' ),
			'usefulteam refresh expired'       => array( 'jwt_auth_expired_refresh_token', 'expired', null, 'token', 'refresh_token_expired' ),
			'Simple JWT Login, expired'        => array( 'simple_jwt_login_middleware_error', 'expired', null, 'token', 'token_expired' ),
			'Simple JWT Login, revoked'        => array( 'simple_jwt_login_middleware_error', 'revoked', null, 'token', 'token_revoked' ),
			'Simple JWT Login 14'              => array( 'simple_jwt_login_middleware_error:14', 'unknown', null, 'token', 'token_expired' ),
			'Simple JWT Login, other number'   => array( 'simple_jwt_login_middleware_error:2', 'corrupted', null, 'token', 'token_invalid' ),
			'plugin conflict'                  => array( 'jwt_auth_invalid_token', 'plugin_conflict', null, 'token', 'plugin_conflict' ),
			'plugin conflict, WCPOS'           => array( 'woocommmerce_pos_auth_invalid_token', 'plugin_conflict', 'access', 'token', 'plugin_conflict' ),
			'header stripped'                  => array( 'jwt_auth_no_auth_header', 'header_stripped', null, 'token', 'authorization_header_missing' ),
			'header not sent'                  => array( 'jwt_auth_no_auth_header', 'unknown', null, 'token', 'authorization_header_missing' ),
			'bad config'                       => array( 'jwt_auth_bad_config', 'unknown', null, 'token', 'token_plugin_misconfigured' ),
			'bad config on refresh'            => array( 'jwt_auth_bad_config', 'unknown', 'refresh', 'token', 'token_plugin_misconfigured' ),
			'no user id in token'              => array( 'jwt_auth_bad_request', 'unknown', null, 'token', 'token_plugin_misconfigured' ),
			'token user does not exist'        => array( 'jwt_auth_bad_request', 'unknown_user', null, 'token', 'token_user_unknown' ),
			'cookie expired'                   => array( 'auth_cookie_expired', 'expired', null, 'cookie', 'cookie_expired' ),
			'cookie, keys changed'             => array( 'auth_cookie_bad_hash', 'secret_changed', null, 'cookie', 'cookie_invalid' ),
			'cookie, password changed'         => array( 'auth_cookie_bad_hash', 'password_changed', null, 'cookie', 'cookie_invalid' ),
			'cookie malformed'                 => array( 'auth_cookie_malformed', 'corrupted', null, 'cookie', 'cookie_invalid' ),
			'cookie user gone'                 => array( 'auth_cookie_bad_username', 'unknown_user', null, 'cookie', 'cookie_invalid' ),
			'cookie session ended'             => array( 'auth_cookie_bad_session_token', 'revoked', null, 'cookie', 'session_ended' ),
			'login wrong password'             => array( 'incorrect_password', 'bad_credentials', null, 'login_form', 'login_failed' ),
			'login, source unknown'            => array( 'incorrect_password', 'bad_credentials', null, '', 'login_failed' ),
			'login unknown user'               => array( 'invalid_username', 'unknown_user', null, 'login_form', 'login_failed' ),
			'login, another plugin\'s code'    => array( 'authentication_failed', 'bad_credentials', null, 'xmlrpc', 'login_failed' ),
			'token route sign-in'              => array( '[jwt_auth] invalid_email', 'unknown_user', null, '', 'login_failed' ),
			'app password wrong'               => array( 'incorrect_password', 'bad_credentials', null, 'application_password', 'application_password_failed' ),
			'app password, unknown email'      => array( 'invalid_email', 'unknown_user', null, 'application_password', 'application_password_failed' ),
			'app passwords off'                => array( 'application_passwords_disabled', 'unknown', null, 'application_password', 'application_password_failed' ),
			'app password, qualified'          => array( 'application_password_failed_authentication:incorrect_password', 'bad_credentials', null, '', 'application_password_failed' ),
			'nonce expired'                    => array( 'rest_cookie_invalid_nonce', 'expired', null, 'rest_nonce', 'rest_nonce_invalid' ),
			'nonce keys changed'               => array( 'rest_cookie_invalid_nonce', 'secret_changed', null, 'rest_nonce', 'rest_nonce_invalid' ),
			'not logged in'                    => array( 'rest_not_logged_in', 'unknown', null, 'rest', 'auth_unknown' ),
			'bearer token nobody checked'      => array( 'rest_not_logged_in', 'expired', 'access', 'token', 'token_expired' ),
			'forbidden'                        => array( 'rest_forbidden', 'unknown', null, 'rest', 'auth_unknown' ),
			'unknown code'                     => array( 'some_plugin_error', 'unknown', null, 'rest', 'auth_unknown' ),
			'unknown code, no token'           => array( 'http_401', 'expired', null, 'rest', 'auth_unknown' ),
			'unknown code, expired token'      => array( 'some_plugin_error', 'expired', 'access', 'token', 'token_expired' ),
			'unknown code, refresh token'      => array( 'some_plugin_error', 'unknown', 'refresh', 'token', 'refresh_token_invalid' ),
			'unknown code, token, no cause'    => array( 'some_plugin_error', 'unknown', 'access', 'token', 'auth_unknown' ),
		);
	}

	/**
	 * An administrator reads both routes; an editor gets 403 and a visitor 401.
	 */
	public function test_permissions_in_process(): void {
		foreach ( array( '/auth-sentinel/v1/catalog', '/auth-sentinel/v1/catalog/token_invalid' ) as $route ) {
			$this->assertSame( 200, $this->rest( 'GET', $route, array(), $this->user( 'admin' ) )->get_status(), $route );
			$this->assertSame( 403, $this->rest( 'GET', $route, array(), $this->user( 'editor' ) )->get_status(), $route );
			$this->assertSame( 401, $this->rest( 'GET', $route )->get_status(), $route );
		}
	}

	/**
	 * The same over real HTTP, with application passwords.
	 */
	public function test_permissions_over_http(): void {
		foreach ( array( '/wp-json/auth-sentinel/v1/catalog', '/wp-json/auth-sentinel/v1/catalog/API02003' ) as $path ) {
			$this->assertSame( 200, $this->http( 'GET', $path, array( 'as' => 'admin' ) )['status'], $path );
			$editor = $this->http( 'GET', $path, array( 'as' => 'editor' ) );
			$this->assertSame( 403, $editor['status'], $path );
			$this->assertSame( 'auth_sentinel_forbidden', $editor['json']['code'] );
			$this->assertSame( 401, $this->http( 'GET', $path )['status'], $path );
		}
	}

	/**
	 * "The POS says API02003", in any case, finds Token invalid; other app codes find theirs.
	 */
	public function test_app_codes_find_their_entry(): void {
		$catalog = new CatalogEntries();
		foreach ( array( 'API02003', 'api02003', 'Api02003', ' API02003 ' ) as $query ) {
			$this->assertSame( 'token_invalid', $catalog->find( $query )['code'] ?? null, $query );
		}
		$this->assertSame( 'token_expired', $catalog->find( 'api02002' )['code'] ?? null );
		$this->assertSame( 'refresh_token_invalid', $catalog->find( 'API02008' )['code'] ?? null );
		$this->assertSame( 'refresh_token_expired', $catalog->find( 'API02009' )['code'] ?? null );

		$response = $this->http( 'GET', '/wp-json/auth-sentinel/v1/catalog/api02003', array( 'as' => 'admin' ) );
		$this->assertSame( 200, $response['status'], $response['body'] );
		$this->assertSame( 'token_invalid', $response['json']['code'] );
		$this->assertContains( 'API02003', $response['json']['aliases'] );
	}

	/**
	 * Every server code PRODUCT.md names is listed on its entry and found by it.
	 *
	 * @dataProvider product_server_codes
	 *
	 * @param string $server_code The server code.
	 * @param string $expected    Its entry.
	 */
	public function test_server_code_has_its_entry( string $server_code, string $expected ): void {
		$entry = ( new CatalogEntries() )->find( $server_code );
		$this->assertNotNull( $entry, "$server_code has an entry" );
		$this->assertSame( $expected, $entry['code'] );
		$this->assertContains( $server_code, array_column( $entry['server_codes'], 'code' ), "$expected lists $server_code" );

		$response = $this->rest( 'GET', '/auth-sentinel/v1/catalog/' . $server_code, array(), $this->user( 'admin' ) );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( $expected, $response->get_data()['code'] );
	}

	/**
	 * The odd spellings work over HTTP too: three m's, and Simple JWT Login's numbers.
	 */
	public function test_odd_server_codes_over_http(): void {
		$expected = array(
			'woocommmerce_pos_auth_invalid_token'  => 'token_invalid',
			'woocommmerce_pos_auth_bad_iss'        => 'token_wrong_site',
			'simple_jwt_login_middleware_error:14' => 'token_expired',
			'simple_jwt_login_middleware_error:55' => 'token_revoked',
		);
		foreach ( $expected as $code => $entry ) {
			$response = $this->http( 'GET', '/wp-json/auth-sentinel/v1/catalog/' . $code, array( 'as' => 'admin' ) );
			$this->assertSame( 200, $response['status'], $code );
			$this->assertSame( $entry, $response['json']['code'], $code );
		}
	}

	/**
	 * Every entry is complete: a page an admin can act on, for the user and for themselves.
	 */
	public function test_entries_are_complete(): void {
		$entries = ( new CatalogEntries() )->all();
		$codes   = array_column( $entries, 'code' );
		$this->assertGreaterThanOrEqual( 18, count( $entries ) );
		$this->assertSame( $codes, array_unique( $codes ) );

		foreach ( $entries as $entry ) {
			$code = $entry['code'];
			$this->assertMatchesRegularExpression( '/^[a-z][a-z_]+$/', $code );
			foreach ( array( 'title', 'credential', 'meaning', 'causes', 'server_codes', 'how_to_fix', 'related' ) as $field ) {
				$this->assertNotEmpty( $entry[ $field ], "$code has $field" );
			}
			$this->assertContains( $entry['credential'], Catalog::CREDENTIALS, $code );
			foreach ( array_merge( $entry['aliases'], $entry['messages'] ) as $text ) {
				$this->assertIsString( $text );
				$this->assertNotSame( '', trim( $text ), $code );
			}
			foreach ( $entry['causes'] as $cause ) {
				$this->assertContains( $cause['cause'], Catalog::CAUSES, $code );
				$this->assertNotEmpty( trim( $cause['text'] ), $code );
			}
			foreach ( $entry['server_codes'] as $listing ) {
				$this->assertNotEmpty( $listing['code'], $code );
				$this->assertNotEmpty( $listing['source'], $code );
			}
			$this->assertEqualsCanonicalizing( Catalog::AUDIENCES, array_unique( array_column( $entry['how_to_fix'], 'audience' ) ), "$code has fixes for the user and the admin" );
			foreach ( $entry['how_to_fix'] as $fix ) {
				$this->assertNotEmpty( $fix['title'], $code );
				$this->assertNotEmpty( $fix['steps'], $code );
				foreach ( $fix['steps'] as $step ) {
					$this->assertNotSame( '', trim( $step ), $code );
				}
			}
			foreach ( $entry['related'] as $related ) {
				$this->assertContains( $related, $codes, "$code relates to an existing entry" );
				$this->assertNotSame( $code, $related );
			}
		}
		$this->assertSame( array( 'API02002' ), ( new CatalogEntries() )->get( 'token_expired' )['aliases'] );
	}

	/**
	 * A server code has exactly one home entry, and every conditional listing agrees with code_for().
	 */
	public function test_server_code_listings_agree_with_filing(): void {
		$catalog = new Catalog();
		$homes   = array();
		foreach ( ( new CatalogEntries() )->all() as $entry ) {
			foreach ( $entry['server_codes'] as $listing ) {
				if ( empty( $listing['when'] ) ) {
					$homes[ $listing['code'] ][] = $entry['code'];
					continue;
				}
				$when = $listing['when'];
				$this->assertSame( $entry['code'], $catalog->code_for( $listing['code'], $when['cause'] ?? 'unknown', $when['token_type'] ?? null ), $entry['code'] . ' lists ' . $listing['code'] );
			}
		}
		foreach ( $homes as $code => $entries ) {
			$this->assertCount( 1, $entries, "$code has one home: " . implode( ', ', $entries ) );
		}
	}

	/**
	 * A failure is filed by catalog-index.php (PHP that opcache keeps, instead of decoding the
	 * JSON on each failure): it must say what catalog.json says. After an edit of the JSON,
	 * `php bin/catalog-index.php` writes it again. Another catalog file is filed by its own
	 * entries.
	 */
	public function test_filing_index_is_what_the_json_says(): void {
		$dir  = dirname( __DIR__, 2 ) . '/includes/Catalog';
		$json = json_decode( (string) file_get_contents( $dir . '/catalog.json' ), true );
		$this->assertSame( Catalog::index_of( CatalogEntries::entries_of( $json ) ), require $dir . '/catalog-index.php', 'catalog-index.php is stale: run php bin/catalog-index.php' );

		$file = wp_tempnam( 'catalog' );
		$own  = array(
			'code'         => 'Own_Entry',
			'credential'   => 'cookie',
			'server_codes' => array( array( 'code' => 'Own_Code' ) ),
		);
		file_put_contents( $file, wp_json_encode( array( 'entries' => array( $own ) ) ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions
		try {
			$this->assertSame( 'own_entry', ( new Catalog( $file ) )->code_for( 'own_code', 'unknown' ) );
			$this->assertSame( 'token_invalid', ( new Catalog( $file ) )->code_for( 'own_code_unknown', 'corrupted', null, 'token' ) );
		} finally {
			unlink( $file );
		}
	}

	/**
	 * Each diagnosed failure is filed under the entry whose guidance fits it.
	 *
	 * @dataProvider filing
	 *
	 * @param string      $server_code The server code.
	 * @param string      $cause       The diagnosed cause.
	 * @param string|null $token_type  The token type.
	 * @param string      $source      The event's source.
	 * @param string      $expected    The entry.
	 */
	public function test_code_for( string $server_code, string $cause, ?string $token_type, string $source, string $expected ): void {
		$this->assertSame( $expected, ( new Catalog() )->code_for( $server_code, $cause, $token_type, $source ) );
	}

	/**
	 * The events search widens "API02003" to every entry the app shows that code for.
	 */
	public function test_aliases_for_search(): void {
		$catalog = new CatalogEntries();
		$found   = $catalog->aliases_for_search( 'api02003' );
		foreach ( array( 'token_invalid', 'token_revoked', 'token_wrong_site' ) as $code ) {
			$this->assertContains( $code, $found );
		}
		$this->assertNotContains( 'token_expired', $found );
		$this->assertSame( array( 'token_expired' ), $catalog->aliases_for_search( 'API02002' ) );
		$this->assertContains( 'token_expired', $catalog->aliases_for_search( 'Token expired' ) );
		$this->assertSame( array( 'session_ended' ), $catalog->aliases_for_search( 'session_ended' ) );
		$this->assertSame( array(), $catalog->aliases_for_search( '' ) );
		$this->assertSame( array(), $catalog->aliases_for_search( 'to' ) );
		$this->assertSame( array(), $catalog->aliases_for_search( 'no such words' ) );
	}

	/**
	 * The collection filters by code, alias, server code, title or message.
	 */
	public function test_collection_search(): void {
		$admin = $this->user( 'admin' );
		$codes = function ( string $search ) use ( $admin ): array {
			return array_column( $this->rest( 'GET', '/auth-sentinel/v1/catalog', array( 'search' => $search ), $admin )->get_data(), 'code' );
		};
		$this->assertEqualsCanonicalizing( array( 'token_invalid', 'token_revoked', 'token_wrong_site' ), $codes( 'api02003' ) );
		$this->assertSame( array( 'authorization_header_missing' ), $codes( 'jwt_auth_no_auth_header' ) );
		$this->assertSame( array( 'rest_nonce_invalid' ), $codes( 'Cookie check failed' ) );

		$none = $this->rest( 'GET', '/auth-sentinel/v1/catalog', array( 'search' => 'no such words' ), $admin );
		$this->assertSame( 200, $none->get_status() );
		$this->assertSame( array(), $none->get_data() );
		$this->assertSame( '0', $none->get_headers()['X-WP-Total'] );
	}

	/**
	 * The collection is paged like every other, and each item matches the published schema.
	 */
	public function test_collection_pages_and_schema(): void {
		$admin = $this->user( 'admin' );
		$total = count( ( new CatalogEntries() )->all() );
		$all   = $this->rest( 'GET', '/auth-sentinel/v1/catalog', array(), $admin );
		$this->assertCount( $total, $all->get_data() );
		$this->assertSame( (string) $total, $all->get_headers()['X-WP-Total'] );

		$page = $this->rest(
			'GET',
			'/auth-sentinel/v1/catalog',
			array(
				'per_page' => 5,
				'page'     => 2,
			),
			$admin
		);
		$this->assertCount( 5, $page->get_data() );
		$this->assertSame( (string) ceil( $total / 5 ), $page->get_headers()['X-WP-TotalPages'] );
		$this->assertSame( 400, $this->rest( 'GET', '/auth-sentinel/v1/catalog', array( 'page' => 99 ), $admin )->get_status() );
		$this->assertSame( 400, $this->rest( 'GET', '/auth-sentinel/v1/catalog', array( 'per_page' => 500 ), $admin )->get_status() );

		$schema = $this->rest( 'OPTIONS', '/auth-sentinel/v1/catalog', array(), $admin )->get_data()['schema'];
		foreach ( $all->get_data() as $item ) {
			unset( $item['_links'] );
			$this->assertSame( array_keys( $schema['properties'] ), array_keys( $item ), $item['code'] );
			$this->assertTrue( rest_validate_value_from_schema( $item, $schema, $item['code'] ), $item['code'] );
		}
	}

	/**
	 * Each entry's links say what WordPress would work out for them (the methods its route
	 * allows the administrator), given rather than computed for every entry.
	 */
	public function test_entry_links_say_what_wordpress_would_compute(): void {
		$admin = $this->user( 'admin' );
		wp_set_current_user( $admin );
		$hints = new \ReflectionMethod( \WP_REST_Server::class, 'get_target_hints_for_link' );
		$hints->setAccessible( true );
		// WordPress lists its routes again for each link whose hints it works out (two thirds of the
		// answer's time, as many lists as entries): here once, whatever the number of entries.
		$lists = 0;
		$count = static function ( $endpoints ) use ( &$lists ) {
			++$lists;
			return $endpoints;
		};
		add_filter( 'rest_endpoints', $count );
		rest_get_server()->response_to_data( $this->rest( 'GET', '/auth-sentinel/v1/catalog', array(), $admin ), false );
		remove_filter( 'rest_endpoints', $count );
		$this->assertLessThanOrEqual( 2, $lists, 'the routes listed once or twice for the whole catalog' );

		$data = rest_get_server()->response_to_data( $this->rest( 'GET', '/auth-sentinel/v1/catalog', array( 'per_page' => 3 ), $admin ), false );
		$this->assertCount( 3, $data );
		wp_set_current_user( $admin );
		foreach ( $data as $entry ) {
			$self = $entry['_links']['self'][0];
			$this->assertSame( rest_url( 'auth-sentinel/v1/catalog/' . $entry['code'] ), $self['href'] );
			$computed = $hints->invoke( null, array( 'href' => $self['href'] ) );
			$this->assertSame( array( 'GET' ), $computed['allow'] ?? null, 'what WordPress computes for the link' );
			$this->assertSame( $computed, $self['targetHints'], $entry['code'] );
		}
		wp_set_current_user( 0 );
	}

	/**
	 * An unknown code is a clear 404 that says what can be looked up.
	 */
	public function test_unknown_code_is_not_found(): void {
		$response = $this->rest( 'GET', '/auth-sentinel/v1/catalog/API99999', array(), $this->user( 'admin' ) );
		$this->assertSame( 404, $response->get_status() );
		$this->assertSame( 'auth_sentinel_catalog_not_found', $response->get_data()['code'] );

		$http = $this->http( 'GET', '/wp-json/auth-sentinel/v1/catalog/no_such_code', array( 'as' => 'admin' ) );
		$this->assertSame( 404, $http['status'] );
		$this->assertSame( 'auth_sentinel_catalog_not_found', $http['json']['code'] );
		$this->assertStringContainsString( '"no_such_code"', $http['json']['message'] );
		$this->assertStringContainsString( 'API02003', $http['json']['message'] );
	}

	/**
	 * The texts go through the plugin's text domain on the way out; codes and aliases do not.
	 */
	public function test_texts_are_translatable(): void {
		$filter = static function ( $translation, $text ) {
			return 'Token invalid' === $text ? 'Jeton invalide' : $translation;
		};
		add_filter( 'gettext_auth-sentinel', $filter, 10, 2 );
		try {
			$data = $this->rest( 'GET', '/auth-sentinel/v1/catalog/token_invalid', array(), $this->user( 'admin' ) )->get_data();
			$this->assertSame( 'Jeton invalide', $data['title'] );
			$this->assertSame( 'token_invalid', $data['code'] );
			$this->assertSame( array( 'API02003' ), $data['aliases'] );
			$this->assertSame( array( 'token_invalid' ), ( new CatalogEntries() )->aliases_for_search( 'jeton' ) );
		} finally {
			remove_filter( 'gettext_auth-sentinel', $filter, 10 );
		}
	}
}
