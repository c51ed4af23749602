<?php
/**
 * The columns of a table screen's first rows.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Admin;

use AuthSentinel\Catalog\CatalogEntries;
use AuthSentinel\Vocabulary\AuditAction;
use AuthSentinel\Vocabulary\Cause;
use AuthSentinel\Vocabulary\SessionType;
use AuthSentinel\Vocabulary\Source;

defined( 'ABSPATH' ) || exit;

/**
 * The columns of the first rows FirstRows prints, for the Errors, Sessions and Audit tables:
 * each a label and the cell it writes for a row of the table's REST answer, with the app's
 * labels, dates and user names, escaped cell by cell.
 *
 * @since 0.1.0
 */
final class FirstRowsColumns {

	/**
	 * Reads the titles of the rows' catalog entries, translated, as the catalog's REST answer
	 * gives them to the app: from the catalog itself, so that the rows need not wait for that
	 * answer (AdminPages::render() preloads it after them).
	 *
	 * @param array<int, mixed> $rows The failures.
	 * @return array<string, string> Code => title.
	 */
	public static function catalog_titles( array $rows ): array {
		$catalog = new CatalogEntries();
		$titles  = array();
		foreach ( $rows as $row ) {
			$code  = is_array( $row ) ? self::text( $row, 'code' ) : '';
			$entry = '' === $code || isset( $titles[ $code ] ) ? null : $catalog->get( $code );
			// The app matches the code exactly; the catalog also in any case.
			if ( null !== $entry && $code === $entry['code'] ) {
				$titles[ $code ] = (string) $catalog->localize( $entry )['title'];
			}
		}
		return $titles;
	}

	/**
	 * Returns the Errors table's columns in the default view's order (src/admin/errors/query.ts).
	 *
	 * @param array<string, string> $titles Catalog titles by code.
	 * @param int                   $now    The current Unix time.
	 * @return array<string, callable(array<string, mixed>): string> Label => cell.
	 */
	public static function events( array $titles, int $now ): array {
		return array(
			__( 'Last seen', 'auth-sentinel' )     => static function ( array $row ) use ( $now ): string {
				return self::when( $row['last_seen'] ?? null, $now, 'auth-sentinel-when', true );
			},
			__( 'Cause', 'auth-sentinel' )         => static function ( array $row ): string {
				$cause = self::text( $row, 'cause' );
				$tone  = Cause::tones()[ $cause ] ?? 'info';
				return '<span class="auth-sentinel-badge auth-sentinel-badge--' . esc_attr( $tone ) . '">' . esc_html( Cause::label( $cause ) ) . '</span>';
			},
			__( 'Catalog entry', 'auth-sentinel' ) => static function ( array $row ) use ( $titles ): string {
				$code  = self::text( $row, 'code' );
				$label = $titles[ $code ] ?? ( '' !== $code ? $code : self::text( $row, 'server_code' ) );
				$html  = '<span class="auth-sentinel-entry"><span class="auth-sentinel-first-rows__link">' . esc_html( '' !== $label ? $label : __( 'Unknown error', 'auth-sentinel' ) ) . '</span>';
				if ( '' !== $code && $code !== $label ) {
					$html .= '<code class="auth-sentinel-muted">' . esc_html( $code ) . '</code>';
				}
				return $html . '</span>';
			},
			__( 'User', 'auth-sentinel' )          => static function ( array $row ): string {
				if ( ! empty( $row['overflow'] ) ) {
					$count = (int) ( $row['count'] ?? 0 );
					/* translators: %s: number of failures. */
					$label = _n( 'Summary of %s failure past the storage cap', 'Summary of %s failures past the storage cap', $count, 'auth-sentinel' );
					return '<span class="auth-sentinel-overflow">' . esc_html( sprintf( $label, number_format_i18n( $count ) ) ) . '</span>';
				}
				$user = is_array( $row['user'] ?? null ) ? $row['user'] : null;
				$name = self::user_name( $user, 'display_name', (int) ( $row['user_id'] ?? 0 ), __( 'Unknown user', 'auth-sentinel' ) );
				return null !== $user && ! empty( $user['edit_url'] )
					? '<span class="auth-sentinel-first-rows__link">' . esc_html( $name ) . '</span>'
					: '<span class="auth-sentinel-muted">' . esc_html( $name ) . '</span>';
			},
			__( 'Client app', 'auth-sentinel' )    => static function ( array $row ): string {
				$client = self::text( $row, 'client' );
				if ( ! empty( $row['overflow'] ) ) {
					// A summary row's estimates of credentials and networks are the app's to word.
					return '';
				}
				if ( '' === $client ) {
					return '<span class="auth-sentinel-muted">' . esc_html__( 'Unknown app', 'auth-sentinel' ) . '</span>';
				}
				return '<span title="' . esc_attr( self::text( $row, 'user_agent' ) ) . '">' . esc_html( $client ) . '</span>';
			},
			__( 'Source', 'auth-sentinel' )        => static function ( array $row ): string {
				$source = self::text( $row, 'source' );
				return esc_html( Source::labels()[ $source ] ?? $source );
			},
			__( 'Count', 'auth-sentinel' )         => static function ( array $row ): string {
				/* translators: %s: how many times a failure happened, e.g. "3". */
				return esc_html( sprintf( __( '×%s', 'auth-sentinel' ), number_format_i18n( (int) ( $row['count'] ?? 0 ) ) ) );
			},
			__( 'IP address', 'auth-sentinel' )    => static function ( array $row ): string {
				return esc_html( self::text( $row, 'ip' ) );
			},
		);
	}

	/**
	 * Returns the Sessions table's columns in the default view's order (src/admin/sessions/query.ts).
	 *
	 * @param int $now The current Unix time.
	 * @return array<string, callable(array<string, mixed>): string> Label => cell.
	 */
	public static function sessions( int $now ): array {
		return array(
			__( 'User', 'auth-sentinel' )                  => static function ( array $row ): string {
				$user = is_array( $row['user'] ?? null ) ? $row['user'] : null;
				$id   = (int) ( $row['user_id'] ?? 0 );
				$name = self::user_name( $user, 'name', $id, __( 'Unknown user', 'auth-sentinel' ) );
				return '<span class="' . ( $id > 0 ? 'dataviews-view-table__primary-field' : 'auth-sentinel-muted' ) . '">' . esc_html( $name ) . '</span>';
			},
			__( 'Type', 'auth-sentinel' )                  => static function ( array $row ): string {
				$type = self::text( $row, 'type' );
				$tone = 'cookie' === $type ? 'info' : 'ok';
				return '<span class="auth-sentinel-badge auth-sentinel-badge--' . $tone . '">' . esc_html( SessionType::labels()[ $type ] ?? $type ) . '</span>';
			},
			__( 'Client and IP address', 'auth-sentinel' ) => static function ( array $row ): string {
				$html  = '<span class="auth-sentinel-stack">';
				$label = self::text( $row, 'label' );
				$html .= '' !== $label ? '<strong>' . esc_html( $label ) . '</strong>' : '';
				$agent = self::text( $row, 'user_agent' );
				$html .= '<span' . ( '' !== $agent ? ' title="' . esc_attr( $agent ) . '"' : '' ) . '>';
				$html .= esc_html( '' !== self::text( $row, 'client' ) ? self::text( $row, 'client' ) : __( 'Unknown app', 'auth-sentinel' ) ) . '</span>';
				$html .= '' !== self::text( $row, 'ip' ) ? '<span class="auth-sentinel-muted">' . esc_html( self::text( $row, 'ip' ) ) . '</span>' : '';
				if ( ! empty( $row['current'] ) ) {
					$html .= '<span><span class="auth-sentinel-badge auth-sentinel-badge--warning">' . esc_html__( 'This session', 'auth-sentinel' ) . '</span></span>';
				}
				return $html . '</span>';
			},
			__( 'Created', 'auth-sentinel' )               => static function ( array $row ) use ( $now ): string {
				return self::when( $row['created'] ?? null, $now, 'auth-sentinel-stack', true, '' );
			},
			__( 'Last seen', 'auth-sentinel' )             => static function ( array $row ) use ( $now ): string {
				return self::when( $row['last_seen'] ?? null, $now, 'auth-sentinel-stack', true, __( 'Not seen yet', 'auth-sentinel' ) );
			},
			__( 'Expires', 'auth-sentinel' )               => static function ( array $row ) use ( $now ): string {
				return self::when( $row['expires'] ?? null, $now, 'auth-sentinel-stack', true, __( 'Never', 'auth-sentinel' ) );
			},
			__( 'Status', 'auth-sentinel' )                => static function ( array $row ): string {
				// The default view lists active sessions only.
				return 'active' === self::text( $row, 'status' )
					? '<span class="auth-sentinel-badge auth-sentinel-badge--ok">' . esc_html__( 'Active', 'auth-sentinel' ) . '</span>'
					: '';
			},
		);
	}

	/**
	 * Returns the Audit table's columns in the default view's order (src/admin/audit/query.ts).
	 *
	 * @param int $now The current Unix time.
	 * @return array<string, callable(array<string, mixed>): string> Label => cell.
	 */
	public static function audit( int $now ): array {
		$action = static function ( array $row ): string {
			$code = self::text( $row, 'action' );
			return AuditAction::labels()[ $code ] ?? ( '' !== self::text( $row, 'action_label' ) ? self::text( $row, 'action_label' ) : $code );
		};
		return array(
			__( 'When', 'auth-sentinel' )          => static function ( array $row ) use ( $now ): string {
				return self::when( $row['at'] ?? null, $now, 'auth-sentinel-stack', false );
			},
			__( 'Action', 'auth-sentinel' )        => static function ( array $row ) use ( $action ): string {
				return esc_html( $action( $row ) );
			},
			__( 'What happened', 'auth-sentinel' ) => static function ( array $row ) use ( $action ): string {
				$summary = self::text( $row, 'summary' );
				return '<span class="auth-sentinel-first-rows__link">' . esc_html( '' !== $summary ? $summary : $action( $row ) ) . '</span>';
			},
			__( 'By', 'auth-sentinel' )            => static function ( array $row ): string {
				$actor = is_array( $row['actor'] ?? null ) ? $row['actor'] : null;
				return esc_html( self::user_name( $actor, 'name', (int) ( $row['actor_id'] ?? 0 ), __( 'System', 'auth-sentinel' ) ) );
			},
			__( 'User', 'auth-sentinel' )          => static function ( array $row ): string {
				$target = is_array( $row['target'] ?? null ) ? $row['target'] : null;
				return esc_html( self::user_name( $target, 'name', (int) ( $row['target_user_id'] ?? 0 ), '—' ) );
			},
			__( 'IP address', 'auth-sentinel' )    => static function ( array $row ): string {
				return esc_html( self::text( $row, 'ip' ) );
			},
		);
	}

	/**
	 * Writes a moment as the app's date cells do: relative and exact, in either order.
	 *
	 * @param mixed  $iso            The REST API's time.
	 * @param int    $now            The current Unix time.
	 * @param string $class_name     The wrapper's class.
	 * @param bool   $relative_first Whether "5 minutes ago" comes first.
	 * @param string $empty          What to write when there is no time.
	 * @return string
	 */
	private static function when( $iso, int $now, string $class_name, bool $relative_first, string $empty = '' ): string {
		$time = SiteDates::parse( $iso );
		if ( null === $time ) {
			return '' === $empty ? '' : '<span class="auth-sentinel-muted">' . esc_html( $empty ) . '</span>';
		}
		$exact    = SiteDates::date_time( $time );
		$relative = '<time datetime="' . esc_attr( (string) $iso ) . '" title="' . esc_attr( $exact ) . '">' . esc_html( SiteDates::relative( $time, $now ) ) . '</time>';
		$html     = '<span class="' . esc_attr( $class_name ) . '">';
		return $html . ( $relative_first
			? $relative . '<span class="auth-sentinel-muted">' . esc_html( $exact ) . '</span>'
			: '<span>' . esc_html( $exact ) . '</span><span class="auth-sentinel-muted">' . $relative . '</span>' ) . '</span>';
	}

	/**
	 * Names a user as the app does: "Display name (login)", the login alone when they are the
	 * same, "User #12" for a user that no longer exists, else `$nobody`.
	 *
	 * @param array<string, mixed>|null $user   The user object of the answer.
	 * @param string                    $key    The key of its display name.
	 * @param int                       $id     The user id.
	 * @param string                    $nobody What to say for no user.
	 * @return string
	 */
	private static function user_name( ?array $user, string $key, int $id, string $nobody ): string {
		if ( null !== $user ) {
			$login = is_string( $user['login'] ?? null ) ? $user['login'] : '';
			$name  = is_string( $user[ $key ] ?? null ) ? $user[ $key ] : '';
			/* translators: 1: display name, 2: login name. */
			return $name === $login ? $login : sprintf( __( '%1$s (%2$s)', 'auth-sentinel' ), $name, $login );
		}
		/* translators: %d: user id. */
		return $id > 0 ? sprintf( __( 'User #%d', 'auth-sentinel' ), $id ) : $nobody;
	}

	/**
	 * Reads a text property of a row.
	 *
	 * @param array<string, mixed> $row The row.
	 * @param string               $key The property.
	 * @return string '' when it is not text.
	 */
	private static function text( array $row, string $key ): string {
		return is_scalar( $row[ $key ] ?? null ) ? (string) $row[ $key ] : '';
	}
}
