<?php
/**
 * What wp auth-sentinel sessions revoke does.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Cli;

use AuthSentinel\Sessions\Revoker;
use AuthSentinel\Sessions\SessionIndex;
use AuthSentinel\Sessions\SessionListing;

defined( 'ABSPATH' ) || exit;

/**
 * Revokes what `wp auth-sentinel sessions revoke` names (SessionsCommand reads its options):
 * everyone's sessions once confirmed, every credential of one user, or sessions by id, and says
 * what was revoked. Loaded only under WP-CLI.
 *
 * @since 0.1.0
 */
final class SessionRevocation {

	/**
	 * The sessions index.
	 *
	 * @var SessionIndex
	 */
	private $index;

	/**
	 * The listing of the index.
	 *
	 * @var SessionListing
	 */
	private $listing;

	/**
	 * Ends credentials.
	 *
	 * @var Revoker
	 */
	private $revoker;

	/**
	 * Creates the revocation.
	 *
	 * @param SessionIndex   $index   The sessions index.
	 * @param SessionListing $listing The listing of the index.
	 * @param Revoker        $revoker Ends credentials.
	 */
	public function __construct( SessionIndex $index, SessionListing $listing, Revoker $revoker ) {
		$this->index   = $index;
		$this->listing = $listing;
		$this->revoker = $revoker;
	}

	/**
	 * Revokes everyone's sessions once confirmed (--all) and refuses every token issued before now.
	 *
	 * @param array<string, mixed> $assoc_args The options (yes).
	 * @param int                  $by         Who revokes: the user WP-CLI runs as, 0 for the system.
	 * @param bool                 $with_apps  Whether application passwords go too.
	 * @return void
	 */
	public function everyone( array $assoc_args, int $by, bool $with_apps ): void {
		$this->confirm_all( $assoc_args );
		try {
			$done = $this->revoker->revoke_all( $by, $with_apps );
		} catch ( \RuntimeException $e ) {
			\WP_CLI::error( 'The revocation could not be confirmed in the database; some sessions may still work. Try again.' );
		}
		\WP_CLI::success( sprintf( 'Revoked everyone\'s sessions: %s. Tokens issued before now are refused.', self::counts( $done['revoked'] ) ) );
	}

	/**
	 * Revokes every credential of one user (--account) and refuses their tokens issued before now.
	 *
	 * @param int  $account   The user.
	 * @param int  $by        Who revokes: the user WP-CLI runs as, 0 for the system.
	 * @param bool $with_apps Whether application passwords go too.
	 * @return void
	 */
	public function account( int $account, int $by, bool $with_apps ): void {
		try {
			$done = $this->revoker->revoke_user( $account, $by, 'admin', array( 'application_passwords' => $with_apps ) );
		} catch ( \RuntimeException $e ) {
			\WP_CLI::error( 'The revocation could not be confirmed in the database; a session may still work. Try again.' );
		}
		$user = get_userdata( $account );
		\WP_CLI::success( sprintf( 'Revoked every credential of %s: %s. Their tokens issued before now are refused.', $user ? $user->user_login : '#' . $account, self::counts( $done['revoked'] ) ) );
	}

	/**
	 * Revokes sessions by id; stops with an error when one was not live or could not be revoked.
	 *
	 * @param array<int, string> $ids The ids given.
	 * @param int                $by  Who revokes: the user WP-CLI runs as, 0 for the system.
	 * @return void
	 */
	public function ids( array $ids, int $by ): void {
		$revoked = 0;
		$failed  = 0;
		foreach ( $ids as $id ) {
			$row = ctype_digit( (string) $id ) ? $this->listing->find( (int) $id ) : null;
			if ( ! $row || 'active' !== $row['status'] ) {
				\WP_CLI::warning( sprintf( 'No live session has id %s: it may have ended already.', $id ) );
				++$failed;
				continue;
			}
			try {
				$this->revoker->revoke( $row, $by, 'admin' );
				++$revoked;
			} catch ( \RuntimeException $e ) {
				\WP_CLI::warning( sprintf( 'Session %s: the revocation could not be confirmed in the database; it may still work.', $id ) );
				++$failed;
			}
		}
		if ( $failed > 0 ) {
			\WP_CLI::error( sprintf( 'Revoked %d of %d sessions.', $revoked, $revoked + $failed ) );
		}
		\WP_CLI::success( 1 === $revoked ? 'Revoked 1 session.' : sprintf( 'Revoked %d sessions.', $revoked ) );
	}

	/**
	 * Asks before revoking everyone's sessions; refuses without --yes or a terminal.
	 *
	 * @param array<string, mixed> $assoc_args Options.
	 * @return void
	 */
	private function confirm_all( array $assoc_args ): void {
		if ( ! empty( $assoc_args['yes'] ) ) {
			return;
		}
		if ( ! self::interactive() ) {
			\WP_CLI::error( 'Revoking everyone\'s sessions signs every user out, you included. Nothing was revoked: pass --yes to go ahead without a terminal to confirm on.' );
		}
		$counts = $this->index->count_by_type( array() );
		\WP_CLI::confirm( sprintf( 'Revoke every session of every user (%s live), and refuse every token issued before now?', self::counts( $counts ) ), $assoc_args );
	}

	/**
	 * Tells whether a person can answer on standard input.
	 *
	 * @return bool
	 */
	private static function interactive(): bool {
		if ( ! defined( 'STDIN' ) ) {
			return false;
		}
		if ( function_exists( 'stream_isatty' ) ) {
			return stream_isatty( STDIN );
		}
		return function_exists( 'posix_isatty' ) && posix_isatty( STDIN );
	}

	/**
	 * Describes counts by kind: "3 browser sessions, 1 application password".
	 *
	 * @param array<string, int> $counts Kind => count.
	 * @return string
	 */
	private static function counts( array $counts ): string {
		$names = array(
			'cookie'       => array( 'browser session', 'browser sessions' ),
			'app_password' => array( 'application password', 'application passwords' ),
			'wcpos'        => array( 'WCPOS session', 'WCPOS sessions' ),
			'token'        => array( 'token', 'tokens' ),
		);
		$parts = array();
		foreach ( $names as $type => $words ) {
			if ( isset( $counts[ $type ] ) ) {
				$parts[] = sprintf( '%d %s', (int) $counts[ $type ], 1 === (int) $counts[ $type ] ? $words[0] : $words[1] );
			}
		}
		return $parts ? implode( ', ', $parts ) : 'nothing was live';
	}
}
