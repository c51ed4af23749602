<?php
/**
 * A webhook receiver for the tests: router script of PHP's built-in server.
 *
 *   WEBHOOK_LOG=/tmp/hooks.jsonl php -S localhost:8874 tests/bin/webhook-receiver.php
 *
 * Appends every request (method, path, headers, raw body) as one JSON line to the file named by
 * WEBHOOK_LOG and answers 200 {"ok":true}. A path ending in /fail answers 500; /slow waits ten
 * seconds before answering (longer than any sender should wait); run it with
 * PHP_CLI_SERVER_WORKERS above 1 so that a hanging request holds up no other.
 *
 * @package AuthSentinel
 */

$auth_sentinel_log  = (string) getenv( 'WEBHOOK_LOG' );
$auth_sentinel_log  = '' === $auth_sentinel_log ? sys_get_temp_dir() . '/auth-sentinel-webhooks.jsonl' : $auth_sentinel_log;
$auth_sentinel_path = (string) parse_url( (string) $_SERVER['REQUEST_URI'], PHP_URL_PATH ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url

file_put_contents(
	$auth_sentinel_log,
	json_encode( // phpcs:ignore WordPress.WP.AlternativeFunctions.json_encode_json_encode -- No WordPress here.
		array(
			'at'      => time(),
			'method'  => (string) $_SERVER['REQUEST_METHOD'],
			'path'    => $auth_sentinel_path,
			'headers' => array_change_key_case( function_exists( 'getallheaders' ) ? getallheaders() : array(), CASE_LOWER ),
			'body'    => (string) file_get_contents( 'php://input' ),
		),
		JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE
	) . "\n",
	FILE_APPEND | LOCK_EX
);
if ( '/slow' === substr( $auth_sentinel_path, -5 ) ) {
	sleep( 10 ); // Logged first, so the log never changes after the sender gave up.
}
http_response_code( '/fail' === substr( $auth_sentinel_path, -5 ) ? 500 : 200 );
header( 'Content-Type: application/json' );
echo '{"ok":true}';
