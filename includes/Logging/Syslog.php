<?php
/**
 * RFC 5424 syslog over UDP, TCP or a Unix socket.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Logging;

defined( 'ABSPATH' ) || exit;

/**
 * Formats each record as an RFC 5424 message whose structured data element
 * `[authsentinel@32473 …]` carries the record's fields, and sends it: one datagram per message
 * over UDP (RFC 5426) or a Unix datagram socket such as /dev/log, octet-counted frames over TCP
 * (RFC 6587). Connecting and writing share one time budget; what is left unsent when it runs
 * out is reported, not waited for.
 *
 * @since 0.1.0
 */
final class Syslog implements Destination {

	/**
	 * The structured data element's id: a name at the enterprise number RFC 5612 reserves for
	 * documentation, as RFC 5424's examples do (no private number is registered for the plugin).
	 */
	const SD_ID = 'authsentinel@32473';

	/**
	 * The APP-NAME of every message.
	 */
	const APP_NAME = 'auth-sentinel';

	/**
	 * Longest message sent in one UDP datagram (RFC 5426 asks receivers to take 2048 octets).
	 */
	const UDP_MAX = 2048;

	/**
	 * Syslog severities by log.level.
	 */
	const SEVERITIES = array(
		'error'   => 3,
		'warning' => 4,
		'notice'  => 5,
		'info'    => 6,
	);

	/**
	 * The configuration: transport, host, port, socket, facility, timeout.
	 *
	 * @var array<string, mixed>
	 */
	private $config;

	/**
	 * Creates the destination.
	 *
	 * @param array<string, mixed> $config LogConfig::get().
	 */
	public function __construct( array $config ) {
		$this->config = $config;
	}

	/**
	 * The destination's name.
	 *
	 * @return string
	 */
	public function name(): string {
		return 'syslog';
	}

	/**
	 * Formats one record as an RFC 5424 message (without framing).
	 *
	 * @param array<string, string|int> $record   The record.
	 * @param int                       $facility The facility's number.
	 * @return string
	 */
	public static function message( array $record, int $facility ): string {
		$severity = self::SEVERITIES[ (string) ( $record['log.level'] ?? 'info' ) ] ?? 6;
		$params   = array();
		foreach ( $record as $name => $value ) {
			if ( '@timestamp' === $name || 'message' === $name ) {
				continue; // In the header and the MSG part.
			}
			$params[] = self::param_name( (string) $name ) . '="' . self::param_value( (string) $value ) . '"';
		}
		$host = self::header_field( (string) gethostname(), 255 );
		$msg  = (string) ( $record['message'] ?? '' );
		return '<' . ( $facility * 8 + $severity ) . '>1 '
			. (string) ( $record['@timestamp'] ?? gmdate( 'Y-m-d\TH:i:s\Z' ) ) . ' '
			. $host . ' '
			. self::APP_NAME . ' '
			. self::header_field( (string) getmypid(), 128 ) . ' '
			. self::header_field( (string) ( $record['event.dataset'] ?? '-' ), 32 ) . ' '
			. '[' . self::SD_ID . ( $params ? ' ' . implode( ' ', $params ) : '' ) . ']'
			. ( '' === $msg ? '' : ' ' . "\xEF\xBB\xBF" . $msg );
	}

	/**
	 * A header field: printable US-ASCII, bounded, '-' when empty (RFC 5424, section 6).
	 *
	 * @param string $value The value.
	 * @param int    $max   Its longest length.
	 * @return string
	 */
	private static function header_field( string $value, int $max ): string {
		$value = substr( (string) preg_replace( '/[^\x21-\x7E]/', '', $value ), 0, $max );
		return '' === $value ? '-' : $value;
	}

	/**
	 * An SD-PARAM name: up to 32 printable US-ASCII characters, without '=', ' ', ']' or '"'.
	 *
	 * @param string $name The field's name.
	 * @return string
	 */
	private static function param_name( string $name ): string {
		return substr( (string) preg_replace( '/[^\x21-\x7E]|[=\]"]/', '_', $name ), 0, 32 );
	}

	/**
	 * An SD-PARAM value: '"', '\' and ']' escaped with a backslash (RFC 5424, section 6.3.3),
	 * line breaks and other control characters dropped, valid UTF-8.
	 *
	 * @param string $value The value.
	 * @return string
	 */
	private static function param_value( string $value ): string {
		$value = (string) preg_replace( '/[\x00-\x1F\x7F]/', ' ', wp_check_invalid_utf8( $value, true ) );
		return strtr(
			$value,
			array(
				'\\' => '\\\\',
				'"'  => '\\"',
				']'  => '\\]',
			)
		);
	}

	/**
	 * Sends the records within the time budget.
	 *
	 * @param array<int, array<string, string|int>> $records The records.
	 * @return array{0: int, 1: string}
	 */
	public function send( array $records ): array {
		if ( ! $records ) {
			return array( 0, '' );
		}
		$transport = (string) $this->config['transport'];
		$budget    = (float) $this->config['timeout'];
		$deadline  = microtime( true ) + $budget;
		if ( 'unix' === $transport ) {
			$address = 'udg://' . (string) $this->config['socket'];
		} else {
			$host    = (string) $this->config['host'];
			$address = ( 'tcp' === $transport ? 'tcp' : 'udp' ) . '://' . ( false !== strpos( $host, ':' ) ? '[' . $host . ']' : $host ) . ':' . (int) $this->config['port'];
		}
		$errno  = 0;
		$errstr = '';
		// phpcs:disable WordPress.PHP.NoSilencedErrors.Discouraged, WordPress.WP.AlternativeFunctions -- A bounded socket write; errors are reported.
		$socket = @stream_socket_client( $address, $errno, $errstr, $budget, STREAM_CLIENT_CONNECT );
		if ( false === $socket ) {
			return array( 0, sprintf( 'cannot connect to %s: %s', $address, '' === $errstr ? 'error ' . $errno : $errstr ) );
		}
		stream_set_blocking( $socket, false );
		$facility = (int) $this->config['facility'];
		$sent     = 0;
		$error    = '';
		foreach ( $records as $record ) {
			$message = self::message( $record, $facility );
			if ( 'tcp' === $transport ) {
				$frame = strlen( $message ) . ' ' . $message; // RFC 6587 octet counting.
			} else {
				$frame = substr( $message, 0, self::UDP_MAX );
			}
			$error = self::write( $socket, $frame, $deadline, 'tcp' === $transport );
			if ( '' !== $error ) {
				break;
			}
			++$sent;
		}
		fclose( $socket );
		// phpcs:enable
		return array( $sent, $error );
	}

	/**
	 * Writes one frame before the deadline.
	 *
	 * @param resource $socket   The socket (non-blocking).
	 * @param string   $frame    The frame.
	 * @param float    $deadline When to give up (microtime).
	 * @param bool     $stream   Whether the socket is a stream (a datagram is written whole or not at all).
	 * @return string An error, '' when written.
	 */
	private static function write( $socket, string $frame, float $deadline, bool $stream ): string {
		$done = 0;
		$size = strlen( $frame );
		while ( $done < $size ) {
			$left = $deadline - microtime( true );
			if ( $left <= 0 ) {
				return 'timed out while sending';
			}
			$read   = null;
			$except = null;
			$write  = array( $socket );
			$ready  = @stream_select( $read, $write, $except, 0, (int) ( $left * 1000000 ) ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- Reported below.
			if ( false === $ready ) {
				return 'cannot wait for the socket';
			}
			if ( 0 === $ready ) {
				return 'timed out while sending';
			}
			$wrote = @fwrite( $socket, $stream ? substr( $frame, $done ) : $frame ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged, WordPress.WP.AlternativeFunctions.file_system_read_fwrite -- Reported below.
			if ( false === $wrote || ( 0 === $wrote && ! $stream ) ) {
				$last = error_get_last();
				return 'cannot send' . ( null === $last ? '' : ': ' . $last['message'] );
			}
			$done = $stream ? $done + $wrote : $size;
		}
		return '';
	}
}
