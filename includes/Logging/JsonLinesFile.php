<?php
/**
 * The JSON-lines log file, rotated by size.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Logging;

defined( 'ABSPATH' ) || exit;

/**
 * Appends one JSON object per line to `auth-sentinel.jsonl`; past its size the file becomes
 * `.1` (the older ones `.2`, … up to the number kept; the oldest is deleted). Writers take an
 * exclusive lock, so concurrent requests neither interleave lines nor rotate twice.
 *
 * @since 0.1.0
 */
final class JsonLinesFile implements Destination {

	/**
	 * The directory.
	 *
	 * @var string
	 */
	private $dir;

	/**
	 * Size in bytes past which the file is rotated.
	 *
	 * @var int
	 */
	private $max_bytes;

	/**
	 * Rotated files kept.
	 *
	 * @var int
	 */
	private $keep;

	/**
	 * Creates the destination.
	 *
	 * @param string $dir       The directory.
	 * @param int    $max_bytes Size past which the file is rotated.
	 * @param int    $keep      Rotated files kept.
	 */
	public function __construct( string $dir, int $max_bytes, int $keep ) {
		$this->dir       = $dir;
		$this->max_bytes = $max_bytes;
		$this->keep      = $keep;
	}

	/**
	 * Builds the destination from the configuration.
	 *
	 * @param array<string, mixed> $config LogConfig::get().
	 * @return self
	 */
	public static function from( array $config ): self {
		return new self( (string) $config['dir'], (int) $config['max_bytes'], (int) $config['keep'] );
	}

	/**
	 * The destination's name.
	 *
	 * @return string
	 */
	public function name(): string {
		return 'file';
	}

	/**
	 * The current file's path.
	 *
	 * @return string
	 */
	public function path(): string {
		return $this->dir . '/' . LogConfig::FILE_NAME;
	}

	/**
	 * Encodes one record as a line.
	 *
	 * @param array<string, string|int> $record The record.
	 * @return string
	 */
	public static function line( array $record ): string {
		return (string) wp_json_encode( $record, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE ) . "\n";
	}

	/**
	 * Appends the records, rotating first when they would take the file past its size.
	 *
	 * @param array<int, array<string, string|int>> $records The records.
	 * @return array{0: int, 1: string}
	 */
	public function send( array $records ): array {
		if ( ! $records ) {
			return array( 0, '' );
		}
		$error = $this->prepare();
		if ( '' !== $error ) {
			return array( 0, $error );
		}
		$data = implode( '', array_map( array( self::class, 'line' ), $records ) );
		// phpcs:disable WordPress.WP.AlternativeFunctions -- A locked append: WP_Filesystem has neither.
		$handle = $this->open();
		if ( is_string( $handle ) ) {
			return array( 0, $handle );
		}
		$stat = fstat( $handle );
		if ( false !== $stat && $stat['size'] > 0 && $stat['size'] + strlen( $data ) > $this->max_bytes ) {
			$this->rotate(); // Still under the lock: no other writer rotates meanwhile.
			flock( $handle, LOCK_UN );
			fclose( $handle );
			$handle = $this->open();
			if ( is_string( $handle ) ) {
				return array( 0, $handle );
			}
		}
		$written = fwrite( $handle, $data );
		fflush( $handle );
		flock( $handle, LOCK_UN );
		fclose( $handle );
		// phpcs:enable
		if ( strlen( $data ) !== $written ) {
			return array( 0, 'could not write the log file (disk full?)' );
		}
		return array( count( $records ), '' );
	}

	/**
	 * Opens the current file for appending, locked; a file another writer rotated while this
	 * one waited for the lock is opened again.
	 *
	 * @return resource|string The locked handle, or an error.
	 */
	private function open() {
		// phpcs:disable WordPress.WP.AlternativeFunctions, WordPress.PHP.NoSilencedErrors.Discouraged -- A locked append; errors are reported.
		for ( $try = 0; $try < 3; $try++ ) {
			$handle = @fopen( $this->path(), 'ab' );
			if ( false === $handle ) {
				return self::last_error( 'cannot open the log file' );
			}
			if ( ! flock( $handle, LOCK_EX ) ) {
				fclose( $handle );
				return 'cannot lock the log file';
			}
			clearstatcache( true, $this->path() );
			$open    = fstat( $handle );
			$current = @stat( $this->path() );
			if ( false !== $open && false !== $current && $open['ino'] === $current['ino'] ) {
				return $handle;
			}
			flock( $handle, LOCK_UN );
			fclose( $handle );
		}
		// phpcs:enable
		return 'the log file keeps moving (rotated by another writer)';
	}

	/**
	 * Shifts the rotated files by one and moves the current file to `.1`; the oldest goes.
	 *
	 * @return void
	 */
	private function rotate(): void {
		$path = $this->path();
		if ( is_file( $path . '.' . $this->keep ) ) {
			wp_delete_file( $path . '.' . $this->keep );
		}
		for ( $i = $this->keep - 1; $i >= 1; $i-- ) {
			if ( is_file( $path . '.' . $i ) ) {
				rename( $path . '.' . $i, $path . '.' . ( $i + 1 ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.rename_rename -- Under the file's lock.
			}
		}
		rename( $path, $path . '.1' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.rename_rename -- Under the file's lock.
		// Files past the number kept (after the setting was lowered).
		$i = $this->keep + 1;
		while ( is_file( $path . '.' . $i ) ) {
			wp_delete_file( $path . '.' . $i );
			++$i;
		}
	}

	/**
	 * Makes the directory; one under the web root or wp-content (the default, in uploads) gets an
	 * .htaccess that denies every request and an empty index.php.
	 *
	 * @return string An error, '' when the directory is ready.
	 */
	private function prepare(): string {
		if ( ! is_dir( $this->dir ) && ! wp_mkdir_p( $this->dir ) ) {
			return 'cannot create the log directory';
		}
		$served = 0 === strpos( $this->dir, untrailingslashit( ABSPATH ) ) || ( defined( 'WP_CONTENT_DIR' ) && 0 === strpos( $this->dir, untrailingslashit( (string) constant( 'WP_CONTENT_DIR' ) ) ) );
		if ( $served && ! is_file( $this->dir . '/index.php' ) ) {
			// Under the web root (the default, in uploads): closed to the web.
			// phpcs:disable WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents -- Two small files, once.
			@file_put_contents( $this->dir . '/index.php', "<?php\n// Silence is golden.\n" ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged
			@file_put_contents( $this->dir . '/.htaccess', "# Auth Sentinel's logs are not for the web.\n<IfModule mod_authz_core.c>\n\tRequire all denied\n</IfModule>\n<IfModule !mod_authz_core.c>\n\tDeny from all\n</IfModule>\n" ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged
			// phpcs:enable
		}
		return '';
	}

	/**
	 * The last PHP error's message, or a fallback.
	 *
	 * @param string $fallback The fallback.
	 * @return string
	 */
	private static function last_error( string $fallback ): string {
		$error = error_get_last();
		return null === $error ? $fallback : $fallback . ': ' . $error['message'];
	}
}
