<?php
/**
 * The wp auth-sentinel sessions commands.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Cli;

use AuthSentinel\Events\ClientName;
use AuthSentinel\Sessions\SessionIndex;
use AuthSentinel\Sessions\SessionListing;

defined( 'ABSPATH' ) || exit;

/**
 * Lists and revokes every user's sessions.
 *
 * Browser sessions, application passwords, WCPOS sessions and tokens seen,
 * across users.
 *
 * Revocations are audited with the user WP-CLI runs as (its global --user), or
 * as the system (actor 0) without one.
 *
 * ## EXAMPLES
 *
 *     $ wp auth-sentinel sessions list --account=maria
 *     $ wp auth-sentinel sessions revoke 42 57
 *     $ wp auth-sentinel sessions revoke --account=maria
 *     $ wp --user=admin auth-sentinel sessions revoke --all --yes
 *
 * @since 0.1.0
 */
class SessionsCommand extends Command {

	/**
	 * The listing of the index.
	 *
	 * @var SessionListing
	 */
	private $listing;

	/**
	 * Revokes what `revoke` names.
	 *
	 * @var SessionRevocation
	 */
	private $revocation;

	/**
	 * Creates the command.
	 *
	 * @param SessionListing    $listing    The listing of the index.
	 * @param SessionRevocation $revocation Revokes what `revoke` names.
	 */
	public function __construct( SessionListing $listing, SessionRevocation $revocation ) {
		$this->listing    = $listing;
		$this->revocation = $revocation;
	}

	/**
	 * The fields shown unless --fields says otherwise.
	 */
	const FIELDS = array( 'id', 'type', 'user', 'client', 'ip', 'created', 'last_seen', 'expires', 'status' );

	/**
	 * Lists sessions, most recently used first.
	 *
	 * ## OPTIONS
	 *
	 * [--account=<user>]
	 * : Only this user's sessions (id, login or email). Not --user: that is WP-CLI's own global parameter.
	 *
	 * [--type=<type>]
	 * : Only this kind of credential.
	 * ---
	 * options:
	 *   - cookie
	 *   - app_password
	 *   - wcpos
	 *   - token
	 * ---
	 *
	 * [--status=<status>]
	 * : Live sessions, ended ones (revoked, signed out, expired), or all.
	 * ---
	 * default: active
	 * options:
	 *   - active
	 *   - ended
	 *   - all
	 * ---
	 *
	 * [--search=<text>]
	 * : A user's login, email or name, an address, a user agent or an application password's name.
	 *
	 * [--orderby=<field>]
	 * : Sort by.
	 * ---
	 * default: last_seen
	 * options:
	 *   - last_seen
	 *   - created
	 *   - expires
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
	 * : Rows per page, 1 to 100.
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
	 * : Prints one field of each session.
	 *
	 * [--fields=<fields>]
	 * : Comma-separated fields to show.
	 *
	 * [--format=<format>]
	 * : Output format. `count` prints how many sessions match, `ids` the ids of this page.
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
	 * Shown by default: id, type, user, client, ip, created, last_seen, expires,
	 * status.
	 *
	 * Also available: user_id, user_agent, label, ended_at, ended_by,
	 * ended_reason.
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp auth-sentinel sessions list --type=app_password --fields=id,user,label,last_seen
	 *     $ wp auth-sentinel sessions list --status=ended --account=maria --format=json
	 *
	 * @subcommand list
	 *
	 * @param array<int, string>   $args       Positional arguments (none).
	 * @param array<string, mixed> $assoc_args Options.
	 * @return void
	 */
	public function list_( $args, $assoc_args ): void {
		self::refuse_local_user( 'sessions' );
		$query           = array(
			'user'     => self::account( $assoc_args ),
			'type'     => self::one_of( $assoc_args, 'type', SessionIndex::TYPES ),
			'status'   => self::one_of( $assoc_args, 'status', array( 'active', 'ended', 'all' ) ),
			'search'   => (string) ( $assoc_args['search'] ?? '' ),
			'orderby'  => (string) ( $assoc_args['orderby'] ?? 'last_seen' ),
			'order'    => (string) ( $assoc_args['order'] ?? 'desc' ),
			'page'     => self::number( $assoc_args, 'page', 1, 1, PHP_INT_MAX ),
			'per_page' => self::number( $assoc_args, 'per-page', 100, 1, 100 ),
		);
		$query['status'] = '' === $query['status'] ? 'active' : $query['status'];
		$result          = $this->listing->query( $query );
		self::display_page(
			$assoc_args,
			$result,
			array( self::class, 'item' ),
			self::FIELDS,
			( $query['page'] - 1 ) * $query['per_page'] + 1,
			array( 'Sessions %d-%d of %d; see --page.', 'Sessions %d-%d of more than %d; see --page, or narrow the filters.' )
		);
	}

	/**
	 * Revokes sessions: some by id, every credential of one user, or everyone's.
	 *
	 * A browser session is deleted from WordPress's own storage, an application
	 * password is deleted, a WCPOS session or a token is denied; --account and
	 * --all also refuse every token issued before now. Each revocation is written
	 * to the audit log, with the user WP-CLI runs as (its global --user) as the
	 * one who did it, or the system without one.
	 *
	 * With --all nobody's session is kept: the web screen keeps the caller's own
	 * session, but a command line has none, so the user WP-CLI runs as is signed
	 * out everywhere too.
	 *
	 * ## OPTIONS
	 *
	 * [<id>...]
	 * : Ids of the sessions to revoke (see `wp auth-sentinel sessions list`).
	 *
	 * [--account=<user>]
	 * : Revoke every credential of this user (id, login or email): browser sessions, application passwords, WCPOS sessions, tokens.
	 *
	 * [--all]
	 * : Revoke everyone's sessions and refuse every token issued before now.
	 *
	 * [--keep-app-passwords]
	 * : With --account or --all, leave application passwords alone.
	 *
	 * [--yes]
	 * : With --all, do not ask for confirmation. Without a terminal to ask on, --all needs it.
	 *
	 * ## EXAMPLES
	 *
	 *     # One session.
	 *     $ wp auth-sentinel sessions revoke 42
	 *     Success: Revoked 1 session.
	 *
	 *     # Everything of one user, audited as done by admin.
	 *     $ wp --user=admin auth-sentinel sessions revoke --account=maria
	 *
	 *     # Everyone, after a break-in; integrations keep their application passwords.
	 *     $ wp auth-sentinel sessions revoke --all --keep-app-passwords --yes
	 *
	 * @param array<int, string>   $args       Session ids.
	 * @param array<string, mixed> $assoc_args Options.
	 * @return void
	 */
	public function revoke( $args, $assoc_args ): void {
		self::refuse_local_user( 'sessions' );
		$all     = ! empty( $assoc_args['all'] );
		$account = self::account( $assoc_args );
		$modes   = (int) $all + (int) ( $account > 0 ) + (int) ( count( $args ) > 0 );
		if ( 1 !== $modes ) {
			\WP_CLI::error( 'Say what to revoke: session ids, --account=<user>, or --all (one of them).' );
		}
		$by        = get_current_user_id();
		$with_apps = empty( $assoc_args['keep-app-passwords'] );

		if ( $all ) {
			$this->revocation->everyone( $assoc_args, $by, $with_apps );
			return;
		}

		if ( $account > 0 ) {
			$this->revocation->account( $account, $by, $with_apps );
			return;
		}

		$this->revocation->ids( $args, $by );
	}

	/**
	 * Shapes one session for output.
	 *
	 * @param array<string, mixed> $row The index row.
	 * @return array<string, mixed>
	 */
	public static function item( array $row ): array {
		$user_id = (int) $row['user_id'];
		$user    = get_userdata( $user_id );
		$agent   = (string) $row['user_agent'];
		$expired = 'active' === $row['status'] && null !== $row['expires'] && strtotime( $row['expires'] . ' UTC' ) <= time();
		return array(
			'id'           => (int) $row['id'],
			'type'         => (string) $row['type'],
			'user_id'      => $user_id,
			'user'         => $user ? $user->user_login : '',
			'client'       => '' !== $agent || '' === (string) $row['label'] ? ClientName::describe( $agent ) : (string) $row['label'],
			'label'        => (string) $row['label'],
			'ip'           => (string) $row['ip'],
			'user_agent'   => $agent,
			'created'      => self::iso( (string) $row['created'] ),
			'last_seen'    => null === $row['last_seen'] ? '' : self::iso( (string) $row['last_seen'] ),
			'expires'      => null === $row['expires'] ? '' : self::iso( (string) $row['expires'] ),
			'status'       => $expired ? 'ended' : (string) $row['status'],
			'ended_at'     => null === $row['ended_at'] ? '' : self::iso( (string) $row['ended_at'] ),
			'ended_by'     => (int) $row['ended_by'],
			'ended_reason' => $expired ? 'expired' : (string) $row['ended_reason'],
		);
	}
}
