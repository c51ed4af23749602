<?php
/**
 * The wp auth-sentinel events commands.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Cli;

use AuthSentinel\Catalog\CatalogEntries;
use AuthSentinel\Events\ClientName;
use AuthSentinel\Events\EventsController;
use AuthSentinel\Events\EventsListRepository;
use AuthSentinel\Events\Explanation;

defined( 'ABSPATH' ) || exit;

/**
 * Lists recorded authentication failures, diagnosed.
 *
 * ## EXAMPLES
 *
 *     # The newest failures.
 *     $ wp auth-sentinel events list
 *
 *     # What went wrong for one cashier since yesterday, as JSON.
 *     $ wp auth-sentinel events list --account=maria --since=yesterday --format=json
 *
 * @since 0.1.0
 */
class EventsCommand extends Command {

	/**
	 * The failures table's listing.
	 *
	 * @var EventsListRepository
	 */
	private $events;

	/**
	 * The error catalog.
	 *
	 * @var CatalogEntries
	 */
	private $catalog;

	/**
	 * Creates the command.
	 *
	 * @param EventsListRepository $events  The failures table's listing.
	 * @param CatalogEntries       $catalog The error catalog.
	 */
	public function __construct( EventsListRepository $events, CatalogEntries $catalog ) {
		$this->events  = $events;
		$this->catalog = $catalog;
	}

	/**
	 * The fields shown unless --fields says otherwise.
	 */
	const FIELDS = array( 'id', 'last_seen', 'count', 'cause', 'code', 'source', 'user', 'client', 'ip' );

	/**
	 * Lists recorded failures, newest first.
	 *
	 * Each row is one credential failing from one client within one hour; `count`
	 * says how many times. Times are UTC.
	 *
	 * ## OPTIONS
	 *
	 * [--cause=<cause>]
	 * : Only failures with this diagnosed cause.
	 * ---
	 * options:
	 *   - expired
	 *   - revoked
	 *   - secret_changed
	 *   - password_changed
	 *   - corrupted
	 *   - wrong_site
	 *   - unknown_user
	 *   - bad_credentials
	 *   - header_stripped
	 *   - plugin_conflict
	 *   - unknown
	 * ---
	 *
	 * [--code=<code>]
	 * : Only failures filed under this catalog entry (e.g. token_invalid; see `wp auth-sentinel catalog list`).
	 *
	 * [--source=<source>]
	 * : Only failures of this kind of credential.
	 * ---
	 * options:
	 *   - cookie
	 *   - login_form
	 *   - xmlrpc
	 *   - application_password
	 *   - rest_nonce
	 *   - token
	 *   - token_login
	 *   - rest
	 * ---
	 *
	 * [--account=<user>]
	 * : Only failures of this user (id, login or email). Not --user: that is WP-CLI's own global parameter.
	 *
	 * [--since=<time>]
	 * : Only failures last seen at or after this time (e.g. "2024-05-01 10:00", "-2 hours"; UTC unless the time names a zone).
	 *
	 * [--until=<time>]
	 * : Only failures last seen at or before this time.
	 *
	 * [--search=<text>]
	 * : Free text: a user's login, email or name, an app's error code (API02003), an address, a user agent, a route.
	 *
	 * [--orderby=<field>]
	 * : Sort by.
	 * ---
	 * default: last_seen
	 * options:
	 *   - last_seen
	 *   - first_seen
	 *   - count
	 * ---
	 *
	 * [--order=<order>]
	 * : Sort direction.
	 * ---
	 * default: desc
	 * options:
	 *   - asc
	 *   - desc
	 * ---
	 *
	 * [--per-page=<number>]
	 * : Rows per page, 1 to 1000.
	 * ---
	 * default: 100
	 * ---
	 *
	 * [--page=<number>]
	 * : Which page.
	 * ---
	 * default: 1
	 * ---
	 *
	 * [--field=<field>]
	 * : Prints one field of each row.
	 *
	 * [--fields=<fields>]
	 * : Comma-separated fields to show.
	 *
	 * [--format=<format>]
	 * : Output format. `count` prints how many rows match, `ids` the ids of this page.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - csv
	 *   - yaml
	 *   - count
	 *   - ids
	 * ---
	 *
	 * ## AVAILABLE FIELDS
	 *
	 * Shown by default: id, last_seen, count, cause, code, source, user, client,
	 * ip.
	 *
	 * Also available: first_seen, issuer, server_code, user_id, user_agent, route,
	 * token_fingerprint, token_iss, token_iat, token_exp, token_jti, token_type,
	 * explanation.
	 *
	 * ## EXAMPLES
	 *
	 *     # Tokens refused since the keys changed.
	 *     $ wp auth-sentinel events list --cause=secret_changed --source=token
	 *
	 *     # Everything the POS app would show as API02003, with the explanation.
	 *     $ wp auth-sentinel events list --search=API02003 --fields=last_seen,user,cause,explanation
	 *
	 *     # How many failures last week.
	 *     $ wp auth-sentinel events list --since="-7 days" --format=count
	 *
	 * @subcommand list
	 *
	 * @param array<int, string>   $args       Positional arguments (none).
	 * @param array<string, mixed> $assoc_args Options.
	 * @return void
	 */
	public function list_( $args, $assoc_args ): void {
		self::refuse_local_user( 'failures' );
		$request = array(
			'cause'  => self::one_of( $assoc_args, 'cause', EventsController::CAUSES ),
			'code'   => isset( $assoc_args['code'] ) ? sanitize_key( (string) $assoc_args['code'] ) : '',
			'source' => self::one_of( $assoc_args, 'source', EventsController::SOURCES ),
			'user'   => self::account( $assoc_args ),
			'since'  => self::time( $assoc_args, 'since' ),
			'until'  => self::time( $assoc_args, 'until' ),
			'search' => (string) ( $assoc_args['search'] ?? '' ),
		);
		$rest    = new \WP_REST_Request( 'GET', '/auth-sentinel/v1/events' );
		foreach ( $request as $key => $value ) {
			$rest->set_param( $key, $value );
		}
		$filters = EventsController::filters( $rest, $this->catalog );
		// filters() reads times as the REST route gets them; these are GMT already.
		$filters['since'] = $request['since'];
		$filters['until'] = $request['until'];

		$per_page = self::number( $assoc_args, 'per-page', 100, 1, 1000 );
		$page     = self::number( $assoc_args, 'page', 1, 1, PHP_INT_MAX );
		$orderby  = in_array( $assoc_args['orderby'] ?? '', EventsListRepository::ORDERS, true ) ? (string) $assoc_args['orderby'] : 'last_seen';
		$order    = 'asc' === ( $assoc_args['order'] ?? '' ) ? 'asc' : 'desc';
		$format   = (string) ( $assoc_args['format'] ?? 'table' );
		$result   = $this->events->find( $filters, 'count' === $format ? 1 : $page, 'count' === $format ? 1 : $per_page, $orderby, $order );

		self::display_page(
			$assoc_args,
			$result,
			array( self::class, 'item' ),
			self::FIELDS,
			( $page - 1 ) * $per_page + 1,
			array( 'Rows %d-%d of %d; see --page and --per-page.', 'Rows %d-%d of more than %d; see --page and --per-page, or narrow the filters.' )
		);
	}

	/**
	 * Shapes one failure for output: flat, times in ISO 8601 UTC.
	 *
	 * @param array<string, mixed> $row The stored row.
	 * @return array<string, mixed>
	 */
	public static function item( array $row ): array {
		$details = json_decode( (string) $row['details'], true );
		$details = is_array( $details ) ? $details : array();
		$user_id = (int) $row['user_id'];
		$user    = $user_id > 0 ? get_userdata( $user_id ) : false;
		$token   = '' !== (string) $row['token_fp'];
		return array(
			'id'                => (int) $row['id'],
			'first_seen'        => self::iso( (string) $row['first_seen'] ),
			'last_seen'         => self::iso( (string) $row['last_seen'] ),
			'count'             => (int) $row['count'],
			'cause'             => (string) $row['cause'],
			'code'              => (string) $row['code'],
			'source'            => (string) $row['source'],
			'issuer'            => (string) $row['issuer'],
			'server_code'       => (string) $row['server_code'],
			'user_id'           => $user_id,
			'user'              => $user ? $user->user_login : '',
			'client'            => ClientName::describe( (string) $row['user_agent'] ),
			'ip'                => (string) $row['ip'],
			'user_agent'        => (string) $row['user_agent'],
			'route'             => (string) $row['route'],
			'token_fingerprint' => $token ? (string) $row['token_fp'] : '',
			'token_iss'         => (string) $row['token_iss'],
			'token_iat'         => null === $row['token_iat'] ? '' : self::iso( (int) $row['token_iat'] ),
			'token_exp'         => null === $row['token_exp'] ? '' : self::iso( (int) $row['token_exp'] ),
			'token_jti'         => (string) $row['token_jti'],
			'token_type'        => (string) $row['token_type'],
			'explanation'       => Explanation::of( $row, $details ),
		);
	}
}
