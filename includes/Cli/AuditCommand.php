<?php
/**
 * The wp auth-sentinel audit commands.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Cli;

use AuthSentinel\Audit\AuditCsv;
use AuthSentinel\Audit\AuditCsvFormat;
use AuthSentinel\Audit\AuditExportRepository;
use AuthSentinel\Vocabulary\AuditAction;

defined( 'ABSPATH' ) || exit;

/**
 * Exports the audit log.
 *
 * The log holds sign-ins, sign-outs, sessions created and revoked, application
 * passwords, password and secret changes, settings changes.
 *
 * ## EXAMPLES
 *
 *     $ wp auth-sentinel audit export > audit.csv
 *     $ wp auth-sentinel audit export --action=session_revoked --since="-30 days" --file=revoked.csv
 *
 * @since 0.1.0
 */
class AuditCommand extends Command {

	/**
	 * The audit table.
	 *
	 * @var AuditExportRepository
	 */
	private $audit;

	/**
	 * Creates the command.
	 *
	 * @param AuditExportRepository $audit The audit table.
	 */
	public function __construct( AuditExportRepository $audit ) {
		$this->audit = $audit;
	}

	/**
	 * Exports the audit log as CSV, newest first, to standard output or a file.
	 *
	 * The same file as the Audit screen's export: the columns id, time, action,
	 * summary, actor id, actor login, user id, user login, ip, user agent,
	 * details; a UTF-8 byte order mark first (for Excel); cells a spreadsheet
	 * would run as a formula (starting with =, +,
	 * -, @, a tab or a carriage return) prefixed with a single quote. Rows are read and
	 * written in batches of 1,000, so memory stays flat however long the log is;
	 * rows written while the export runs are not in it.
	 *
	 * ## OPTIONS
	 *
	 * [--action=<action>]
	 * : Only rows of this action.
	 * ---
	 * options:
	 *   - sign_in
	 *   - sign_out
	 *   - session_created
	 *   - session_revoked
	 *   - user_sessions_revoked
	 *   - all_sessions_revoked
	 *   - app_password_created
	 *   - app_password_first_used
	 *   - app_password_revoked
	 *   - password_changed
	 *   - email_changed
	 *   - role_changed
	 *   - secrets_changed
	 *   - settings_changed
	 * ---
	 *
	 * [--actor=<user>]
	 * : Only what this user did (id, login or email); 0 or "system" for what the site did by itself.
	 *
	 * [--account=<user>]
	 * : Only rows about this user's account (id, login or email). Not --user: that is WP-CLI's own global parameter.
	 *
	 * [--since=<time>]
	 * : Only rows at or after this time (e.g. "2024-05-01", "-30 days"; UTC unless the time names a zone).
	 *
	 * [--until=<time>]
	 * : Only rows at or before this time.
	 *
	 * [--format=<format>]
	 * : The file's format.
	 * ---
	 * default: csv
	 * options:
	 *   - csv
	 * ---
	 *
	 * [--file=<path>]
	 * : Write to this file instead of standard output.
	 *
	 * [--force]
	 * : With --file, replace the file if it exists.
	 *
	 * [--[no-]bom]
	 * : Start with the UTF-8 byte order mark, as by default; --no-bom leaves it out (for scripts that do not expect one).
	 *
	 * ## EXAMPLES
	 *
	 *     # Everything, to a file.
	 *     $ wp auth-sentinel audit export --file=audit.csv
	 *     Success: Exported 1234 rows to audit.csv.
	 *
	 *     # Who revoked what this month, piped on.
	 *     $ wp auth-sentinel audit export --action=session_revoked --since="first day of this month" --no-bom | head
	 *
	 *     # What the site did by itself (secret changes found, policies).
	 *     $ wp auth-sentinel audit export --actor=system
	 *
	 * @param array<int, string>   $args       Positional arguments (none).
	 * @param array<string, mixed> $assoc_args Options.
	 * @return void
	 */
	public function export( $args, $assoc_args ): void {
		self::refuse_local_user( 'audit rows' );
		$filters = array(
			'action' => self::one_of( $assoc_args, 'action', AuditAction::VALUES ),
			'actor'  => self::actor( $assoc_args ),
			'user'   => self::account( $assoc_args ),
			'since'  => self::time( $assoc_args, 'since' ),
			'until'  => self::time( $assoc_args, 'until' ),
		);
		if ( null !== $filters['since'] && null !== $filters['until'] && $filters['since'] > $filters['until'] ) {
			\WP_CLI::error( '--until is before --since.' );
		}
		$bom  = ! isset( $assoc_args['bom'] ) || false !== $assoc_args['bom'];
		$file = isset( $assoc_args['file'] ) ? (string) $assoc_args['file'] : '';

		$handle = STDOUT;
		if ( '' !== $file ) {
			if ( file_exists( $file ) && empty( $assoc_args['force'] ) ) {
				\WP_CLI::error( sprintf( '%s exists; pass --force to replace it.', $file ) );
			}
			$handle = @fopen( $file, 'wb' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fopen,WordPress.WP.AlternativeFunctions.file_system_operations_fopen,WordPress.PHP.NoSilencedErrors.Discouraged -- A file the admin named; the error is reported below.
			if ( false === $handle ) {
				\WP_CLI::error( sprintf( 'Cannot write to %s.', $file ) );
			}
		}

		$first  = true;
		$export = new AuditCsv( $this->audit, $filters );
		$rows   = $export->write(
			static function ( string $chunk ) use ( $handle, $bom, &$first ): bool {
				if ( $first && ! $bom && 0 === strpos( $chunk, AuditCsvFormat::BOM ) ) {
					$chunk = substr( $chunk, strlen( AuditCsvFormat::BOM ) );
				}
				$first = false;
				return false !== fwrite( $handle, $chunk ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fwrite,WordPress.WP.AlternativeFunctions.file_system_operations_fwrite -- Streams to the terminal or the file asked for.
			}
		);

		if ( '' !== $file ) {
			fclose( $handle ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fclose,WordPress.WP.AlternativeFunctions.file_system_operations_fclose -- Closes the file opened above.
			\WP_CLI::success( sprintf( 'Exported %d %s to %s.', $rows, 1 === $rows ? 'row' : 'rows', $file ) );
		}
	}

	/**
	 * Returns the actor --actor names: null when absent, 0 for the system.
	 *
	 * @param array<string, mixed> $assoc_args Options.
	 * @return int|null
	 */
	private static function actor( array $assoc_args ): ?int {
		if ( ! isset( $assoc_args['actor'] ) ) {
			return null;
		}
		$value = strtolower( trim( (string) $assoc_args['actor'] ) );
		return in_array( $value, array( '0', 'system' ), true ) ? 0 : self::user_id( (string) $assoc_args['actor'], 'actor' );
	}
}
