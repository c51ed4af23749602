<?php
/**
 * Where background exports of the audit log keep their state and their files.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Audit;

use AuthSentinel\Database\AtomicOption;

defined( 'ABSPATH' ) || exit;

/**
 * Keeps each export job as one option of the site (`auth_sentinel_export_<id>`, not autoloaded)
 * and its file in `uploads/auth-sentinel-exports/` (per site on a network, as uploads are).
 *
 * The folder is not for the public: it holds a `.htaccess` that denies every request (Apache)
 * and an empty `index.php` (no listing); the files have names nobody can guess (the job's id
 * and 128 random bits), and they are sent only through the plugin's download route, which
 * checks the user. On nginx, which reads no `.htaccess`, the random names are what keeps them
 * private: docs/rest-api.md says to deny the folder there. A file is written as `<name>.part`
 * and renamed to `<name>.csv` when the last row is in it.
 *
 * @since 0.2.0
 */
class ExportStore {

	/**
	 * The prefix of the jobs' options.
	 */
	const OPTION = 'auth_sentinel_export_';

	/**
	 * The folder under the site's uploads.
	 */
	const FOLDER = 'auth-sentinel-exports';

	/**
	 * Returns a job.
	 *
	 * @param string $id    The job's id.
	 * @param bool   $fresh False when prime() has just read it.
	 * @return array<string, mixed>|null
	 */
	public function get( string $id, bool $fresh = true ): ?array {
		if ( ! self::valid_id( $id ) ) {
			return null;
		}
		if ( $fresh ) {
			wp_cache_delete( self::OPTION . $id, 'options' ); // Another request (the cron's, the other tab's) may have moved it on.
		}
		$job = get_option( self::OPTION . $id, null );
		return is_array( $job ) ? $job : null;
	}

	/**
	 * Reads some jobs afresh in one query (then get() each with `$fresh` false), instead of one
	 * query each.
	 *
	 * @param string[] $ids The jobs' ids.
	 * @return void
	 */
	public function prime( array $ids ): void {
		$names = array();
		foreach ( $ids as $id ) {
			if ( self::valid_id( (string) $id ) ) {
				$names[] = self::OPTION . $id;
				wp_cache_delete( self::OPTION . $id, 'options' );
			}
		}
		if ( $names ) {
			wp_prime_option_caches( $names );
		}
	}

	/**
	 * Saves a job.
	 *
	 * @param array<string, mixed> $job The job, with its `id`.
	 * @return void
	 */
	public function put( array $job ): void {
		update_option( self::OPTION . $job['id'], $job, false );
	}

	/**
	 * Saves a step's job only if the job still exists: a cancel (DELETE) that came while the step
	 * wrote must not be undone by the step's save.
	 *
	 * @param array<string, mixed> $job The job, with its `id`.
	 * @return bool False when the job was deleted meanwhile.
	 */
	public function update( array $job ): bool {
		$name = self::OPTION . $job['id'];
		$kept = AtomicOption::put( $name, (string) maybe_serialize( $job ) ) || null !== AtomicOption::read( $name );
		wp_cache_delete( $name, 'options' );
		return $kept;
	}

	/**
	 * Deletes a job and its file.
	 *
	 * @param array<string, mixed> $job The job.
	 * @return void
	 */
	public function delete( array $job ): void {
		foreach ( array( $this->path( $job, false ), $this->path( $job, true ) ) as $path ) {
			if ( '' !== $path && file_exists( $path ) ) {
				wp_delete_file( $path );
			}
		}
		delete_option( self::OPTION . $job['id'] );
	}

	/**
	 * Tells whether a string can be a job's id (16 hexadecimal digits).
	 *
	 * @param string $id The string.
	 * @return bool
	 */
	public static function valid_id( string $id ): bool {
		return (bool) preg_match( '/^[0-9a-f]{16}$/', $id );
	}

	/**
	 * Returns the path of a job's file: the one being written, or the finished one.
	 *
	 * @param array<string, mixed> $job      The job.
	 * @param bool                 $finished The finished file (.csv) rather than the partial one (.part).
	 * @return string '' when the uploads folder is unknown.
	 */
	public function path( array $job, bool $finished ): string {
		$folder = self::folder();
		if ( '' === $folder || ! preg_match( '/^[0-9a-f]{16}-[0-9a-f]{32}$/', (string) $job['file'] ) ) {
			return '';
		}
		return $folder . '/' . $job['file'] . ( $finished ? '.csv' : '.part' );
	}

	/**
	 * Returns the current site's export folder, made and closed to the web if it is not yet.
	 *
	 * @return string '' when it cannot be made.
	 */
	public static function folder(): string {
		$uploads = wp_upload_dir( null, false );
		if ( ! empty( $uploads['error'] ) || empty( $uploads['basedir'] ) ) {
			return '';
		}
		$folder = $uploads['basedir'] . '/' . self::FOLDER;
		if ( ! is_dir( $folder ) && ! wp_mkdir_p( $folder ) ) {
			return '';
		}
		$guards = array(
			'.htaccess' => "# Auth Sentinel: audit exports are downloaded through the plugin only.\n<IfModule mod_authz_core.c>\n\tRequire all denied\n</IfModule>\n<IfModule !mod_authz_core.c>\n\tDeny from all\n</IfModule>\n",
			'index.php' => "<?php\n// Silence is golden.\n",
		);
		foreach ( $guards as $name => $content ) {
			if ( ! file_exists( $folder . '/' . $name ) ) {
				file_put_contents( $folder . '/' . $name, $content ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- A small file in the plugin's own folder, written once.
			}
		}
		return $folder;
	}

	/**
	 * Returns the ids of the jobs whose files are in the current site's folder, with the time
	 * each file was last written.
	 *
	 * @return array<string, int> Modification time by job id.
	 */
	public function files(): array {
		$uploads = wp_upload_dir( null, false );
		$folder  = empty( $uploads['basedir'] ) ? '' : $uploads['basedir'] . '/' . self::FOLDER;
		$out     = array();
		if ( '' === $folder || ! is_dir( $folder ) ) {
			return $out;
		}
		foreach ( (array) scandir( $folder ) as $name ) {
			if ( preg_match( '/^([0-9a-f]{16})-[0-9a-f]{32}\.(?:csv|part)$/', (string) $name, $match ) ) {
				$out[ $match[1] ] = max( $out[ $match[1] ] ?? 0, (int) filemtime( $folder . '/' . $name ) );
			}
		}
		return $out;
	}

	/**
	 * Removes the current site's export folder and everything in it (on uninstall).
	 *
	 * @return void
	 */
	public static function remove_folder(): void {
		$uploads = wp_upload_dir( null, false );
		if ( empty( $uploads['basedir'] ) ) {
			return;
		}
		$folder = $uploads['basedir'] . '/' . self::FOLDER;
		if ( ! is_dir( $folder ) ) {
			return;
		}
		foreach ( (array) scandir( $folder ) as $name ) {
			if ( is_file( $folder . '/' . $name ) ) {
				wp_delete_file( $folder . '/' . $name );
			}
		}
		rmdir( $folder ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- The plugin's own folder, emptied above.
	}
}
