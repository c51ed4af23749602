<?php
/**
 * Builds languages/auth-sentinel.pot, the template translators start from, out of every
 * translatable string of the plugin:
 *
 * - PHP (plugin.php, uninstall.php, includes/): literal arguments of __, _e, _x, _ex, _n, _nx,
 *   _n_noop, _nx_noop, esc_html__, esc_html_e, esc_html_x, esc_attr__, esc_attr_e and esc_attr_x
 *   in the auth-sentinel text domain;
 * - TypeScript (src/, without tests): literal arguments of @wordpress/i18n's __, _x, _n and _nx;
 * - includes/Catalog/catalog.json: the texts Catalog::localize() passes through __();
 * - plugin.php's header: Plugin Name, Plugin URI, Description, Author, Author URI.
 *
 * A comment starting with "translators:" before a call (in the same statement) goes with its
 * string. Strings that cannot be extracted (a variable or an expression passed to __(), two
 * literals joined together, no text domain…) are reported as warnings with their file and line.
 *
 *   php bin/make-pot.php              Writes languages/auth-sentinel.pot; leaves it untouched
 *                                     when nothing but its creation date would change.
 *   php bin/make-pot.php --check      Exits 1, listing the strings that differ, when the
 *                                     committed .pot is out of date (the date is ignored).
 *   php bin/make-pot.php --self-test  Runs the extractor on tests/i18n/ and compares the result
 *                                     with tests/i18n/expected.pot and expected-warnings.txt;
 *                                     add --update to rewrite those two files.
 *   --stdout                          Prints the .pot instead of writing it.
 *   --strict                          Warnings not acknowledged by a phpcs:ignore or
 *                                     eslint-disable comment make the run exit 1.
 *
 * Exit codes: 0 done or up to date, 1 out of date / self-test mismatch / strict warnings,
 * 2 usage or parse error.
 *
 * Plain PHP 7.4+, no WordPress, no WP-CLI, no Composer packages.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\MakePot;

use RuntimeException;

const DOMAIN = 'auth-sentinel';

/**
 * The arguments each translation function takes, in order.
 */
const PHP_FUNCTIONS = array(
	'__'          => array( 'text', 'domain' ),
	'_e'          => array( 'text', 'domain' ),
	'esc_html__'  => array( 'text', 'domain' ),
	'esc_html_e'  => array( 'text', 'domain' ),
	'esc_attr__'  => array( 'text', 'domain' ),
	'esc_attr_e'  => array( 'text', 'domain' ),
	'_x'          => array( 'text', 'context', 'domain' ),
	'_ex'         => array( 'text', 'context', 'domain' ),
	'esc_html_x'  => array( 'text', 'context', 'domain' ),
	'esc_attr_x'  => array( 'text', 'context', 'domain' ),
	'_n'          => array( 'text', 'plural', 'number', 'domain' ),
	'_nx'         => array( 'text', 'plural', 'number', 'context', 'domain' ),
	'_n_noop'     => array( 'text', 'plural', 'domain' ),
	'_nx_noop'    => array( 'text', 'plural', 'context', 'domain' ),
);

const JS_FUNCTIONS = array(
	'__'  => array( 'text', 'domain' ),
	'_x'  => array( 'text', 'context', 'domain' ),
	'_n'  => array( 'text', 'plural', 'number', 'domain' ),
	'_nx' => array( 'text', 'plural', 'number', 'context', 'domain' ),
);

/**
 * Plugin headers WordPress translates, with the comment WordPress's tooling gives them.
 */
const HEADERS = array(
	'Plugin Name' => 'Plugin Name of the plugin',
	'Plugin URI'  => 'Plugin URI of the plugin',
	'Description' => 'Description of the plugin',
	'Author'      => 'Author of the plugin',
	'Author URI'  => 'Author URI of the plugin',
);

/**
 * Source kinds, for the summary.
 */
const SOURCE_NAMES = array(
	'header'  => 'plugin header',
	'php'     => 'PHP',
	'ts'      => 'TypeScript',
	'catalog' => 'catalog',
);

/**
 * A parse error in a source file: the .pot would be incomplete, so the run stops.
 */
class SourceError extends RuntimeException {
}

/**
 * One message of the template: a msgid (with its context and plural) and where it comes from.
 */
final class Message {
	/** @var string|null */
	public $context;
	/** @var string */
	public $id;
	/** @var string|null */
	public $plural;
	/** @var string[] File:line references, in order of discovery. */
	public $references = array();
	/** @var string[] Extracted comments (one string per comment, lines joined by "\n"). */
	public $comments = array();
	/** @var array<string, true> The kinds of source the message was found in. */
	public $sources = array();

	public function __construct( ?string $context, string $id, ?string $plural ) {
		$this->context = $context;
		$this->id      = $id;
		$this->plural  = $plural;
	}

	public static function key( ?string $context, string $id ): string {
		return ( null === $context ? "\0" : $context . "\4" ) . $id;
	}
}

/**
 * Collects messages (merging duplicates) and warnings.
 */
final class Collection {
	/** @var array<string, Message> In order of first reference. */
	public $messages = array();
	/** @var array<int, array{where: string, message: string, acknowledged: bool}> */
	public $warnings = array();
	/** @var array<string, int> Occurrences found per source kind. */
	public $occurrences = array();
	/** @var array<string, array<string, true>> Files scanned per source kind. */
	public $files = array();

	public function add( string $source, ?string $context, string $id, ?string $plural, string $reference, ?string $comment ): void {
		$key = Message::key( $context, $id );
		if ( ! isset( $this->messages[ $key ] ) ) {
			$this->messages[ $key ] = new Message( $context, $id, $plural );
		}
		$message = $this->messages[ $key ];
		if ( null !== $plural ) {
			if ( null === $message->plural ) {
				$message->plural = $plural;
			} elseif ( $message->plural !== $plural ) {
				$this->warn( $reference, sprintf( 'plural %s differs from %s given to the same string at %s; the .pot keeps the first', quote( $plural ), quote( $message->plural ), $message->references[0] ?? '?' ) );
			}
		}
		if ( ! in_array( $reference, $message->references, true ) ) {
			$message->references[] = $reference;
		}
		if ( null !== $comment && '' !== $comment && ! in_array( $comment, $message->comments, true ) ) {
			$message->comments[] = $comment;
		}
		$message->sources[ $source ] = true;
		$this->occurrences[ $source ] = ( $this->occurrences[ $source ] ?? 0 ) + 1;
	}

	public function warn( string $where, string $message, bool $acknowledged = false ): void {
		$this->warnings[] = array(
			'where'        => $where,
			'message'      => $message,
			'acknowledged' => $acknowledged,
		);
	}

	public function scanned( string $source, string $file ): void {
		$this->files[ $source ][ $file ] = true;
	}

	/**
	 * Number of distinct messages found in a kind of source.
	 */
	public function count_from( string $source ): int {
		$count = 0;
		foreach ( $this->messages as $message ) {
			$count += isset( $message->sources[ $source ] ) ? 1 : 0;
		}
		return $count;
	}
}

/**
 * Quotes a string for a warning, shortened.
 */
function quote( string $text, int $max = 60 ): string {
	$text = str_replace( array( "\n", "\t" ), array( '\n', '\t' ), $text );
	if ( strlen( $text ) > $max ) {
		$text = substr( $text, 0, $max - 1 ) . '…';
	}
	return '"' . $text . '"';
}

/**
 * Encodes a Unicode code point as UTF-8.
 */
function utf8( int $code_point ): string {
	if ( $code_point < 0 || $code_point > 0x10FFFF || ( $code_point >= 0xD800 && $code_point <= 0xDFFF ) ) {
		$code_point = 0xFFFD;
	}
	if ( $code_point < 0x80 ) {
		return chr( $code_point );
	}
	if ( $code_point < 0x800 ) {
		return chr( 0xC0 | ( $code_point >> 6 ) ) . chr( 0x80 | ( $code_point & 0x3F ) );
	}
	if ( $code_point < 0x10000 ) {
		return chr( 0xE0 | ( $code_point >> 12 ) ) . chr( 0x80 | ( ( $code_point >> 6 ) & 0x3F ) ) . chr( 0x80 | ( $code_point & 0x3F ) );
	}
	return chr( 0xF0 | ( $code_point >> 18 ) ) . chr( 0x80 | ( ( $code_point >> 12 ) & 0x3F ) ) . chr( 0x80 | ( ( $code_point >> 6 ) & 0x3F ) ) . chr( 0x80 | ( $code_point & 0x3F ) );
}

/**
 * The lines of a comment without its delimiters, leading asterisks and blank lines.
 *
 * @return string[]
 */
function comment_lines( string $raw ): array {
	if ( 0 === strpos( $raw, '//' ) ) {
		$raw = substr( $raw, 2 );
	} elseif ( 0 === strpos( $raw, '#' ) ) {
		$raw = substr( $raw, 1 );
	} elseif ( 0 === strpos( $raw, '/*' ) ) {
		$raw = preg_replace( '#^/\*+|\*+/$#', '', $raw );
	}
	$lines = array();
	foreach ( preg_split( '/\r\n|\r|\n/', (string) $raw ) as $line ) {
		$line = trim( preg_replace( '/^\s*\*(?!\/)/', '', $line ) );
		if ( '' !== $line ) {
			$lines[] = $line;
		}
	}
	return $lines;
}

/**
 * The sprintf placeholders of a string (PHP's sprintf and @wordpress/i18n's sprintf agree on these).
 *
 * @return string[]
 */
function placeholders( string $text ): array {
	$text = str_replace( '%%', '', $text );
	preg_match_all( "/%(?:[0-9]+\\$)?[+-]?(?:[ 0]|'.)?-?[0-9]*(?:\\.[0-9]+)?[bcdeEfFgGosuxX]/", $text, $matches );
	return $matches[0];
}

// ─── Tokens ────────────────────────────────────────────────────────────────────────────────────
//
// Both languages are turned into the same simple tokens, which the call finder then reads:
//   str      a string literal, value = the string it denotes
//   id       a name, value = the name
//   punct    punctuation, value = the characters
//   comment  value = raw text, end_line = its last line, line_style = true for // and #
//   other    anything else (numbers, variables, regular expressions, JSX, interpolated strings…)
// Every token has line (where it starts) and raw (its source text, for messages).

/**
 * Makes a token.
 *
 * @param mixed $value The value.
 * @return array<string, mixed>
 */
function token( string $type, $value, int $line, string $raw, array $extra = array() ): array {
	return array(
		'type'  => $type,
		'value' => $value,
		'line'  => $line,
		'raw'   => $raw,
	) + $extra;
}

/**
 * Turns PHP source into tokens.
 *
 * @return array<int, array<string, mixed>>
 */
function php_tokens( string $code ): array {
	$raw    = token_get_all( $code );
	$count  = count( $raw );
	$tokens = array();
	$line   = 1;
	for ( $i = 0; $i < $count; $i++ ) {
		$t = $raw[ $i ];
		if ( ! is_array( $t ) ) {
			if ( '"' === $t || '`' === $t ) {
				// A string with interpolation (or a shell command): one opaque token.
				$start = $line;
				$text  = $t;
				for ( $i++; $i < $count && $raw[ $i ] !== $t; $i++ ) {
					$part  = is_array( $raw[ $i ] ) ? $raw[ $i ][1] : $raw[ $i ];
					$text .= $part;
					$line += substr_count( $part, "\n" );
				}
				$tokens[] = token( 'other', null, $start, $text . $t );
				continue;
			}
			$tokens[] = token( 'punct', $t, $line, $t );
			continue;
		}
		list( $id, $text, $line ) = $t;
		switch ( $id ) {
			case T_WHITESPACE:
			case T_OPEN_TAG:
				break;
			case T_COMMENT:
			case T_DOC_COMMENT:
				$tokens[] = token(
					'comment',
					$text,
					$line,
					$text,
					array(
						'end_line'   => $line + substr_count( rtrim( $text ), "\n" ),
						'line_style' => '/' !== $text[0] || '/' === ( $text[1] ?? '' ),
					)
				);
				break;
			case T_CONSTANT_ENCAPSED_STRING:
				$tokens[] = token( 'str', php_string( $text ), $line, $text );
				break;
			case T_START_HEREDOC:
				$start = $line;
				$parts = array();
				$full  = $text;
				for ( $i++; $i < $count && ! ( is_array( $raw[ $i ] ) && T_END_HEREDOC === $raw[ $i ][0] ); $i++ ) {
					$parts[] = $raw[ $i ];
					$full   .= is_array( $raw[ $i ] ) ? $raw[ $i ][1] : $raw[ $i ];
				}
				$end   = $raw[ $i ][1] ?? '';
				$full .= $end;
				$t     = $raw[ $i ] ?? $t; // So the line count below goes on from the heredoc's end.
				if ( array() === $parts || ( 1 === count( $parts ) && is_array( $parts[0] ) && T_ENCAPSED_AND_WHITESPACE === $parts[0][0] ) ) {
					$body     = array() === $parts ? '' : $parts[0][1];
					$tokens[] = token( 'str', php_heredoc( $text, $body, $end ), $start, $full );
				} else {
					$tokens[] = token( 'other', null, $start, $full );
				}
				break;
			case T_STRING:
				$tokens[] = token( 'id', $text, $line, $text );
				break;
			case T_FUNCTION:
			case T_NEW:
			case T_CONST:
				$tokens[] = token( 'id', strtolower( $text ), $line, $text );
				break;
			case T_OBJECT_OPERATOR:
			case T_DOUBLE_COLON:
			case T_ELLIPSIS:
				$tokens[] = token( 'punct', $text, $line, $text );
				break;
			case T_NS_SEPARATOR:
				// PHP 7 only (PHP 8 reads names whole): \__() is the global function, A\__() is not.
				$previous = end( $tokens );
				if ( false !== $previous && 'id' === $previous['type'] ) {
					$tokens[] = token( 'punct', '\\', $line, $text );
				}
				break;
			case T_CLOSE_TAG:
				// Ends a statement, like a semicolon.
				$tokens[] = token( 'punct', ';', $line, $text );
				break;
			default:
				if ( defined( 'T_NAME_FULLY_QUALIFIED' ) && T_NAME_FULLY_QUALIFIED === $id ) {
					// \__() is the global function; \Foo\__() is not.
					$name     = substr( $text, 1 );
					$tokens[] = token( 'id', false === strpos( $name, '\\' ) ? $name : $text, $line, $text );
				} elseif ( defined( 'T_NULLSAFE_OBJECT_OPERATOR' ) && T_NULLSAFE_OBJECT_OPERATOR === $id ) {
					$tokens[] = token( 'punct', '->', $line, $text );
				} elseif ( defined( 'T_ATTRIBUTE' ) && T_ATTRIBUTE === $id ) {
					$tokens[] = token( 'punct', '[', $line, $text );
				} elseif ( in_array( $id, array( T_CURLY_OPEN, T_DOLLAR_OPEN_CURLY_BRACES ), true ) ) {
					$tokens[] = token( 'punct', '{', $line, $text );
				} else {
					$tokens[] = token( 'other', null, $line, $text );
				}
		}
		if ( is_array( $t ) ) {
			$line = $t[2] + substr_count( $t[1], "\n" );
		}
	}
	return $tokens;
}

/**
 * The value of a PHP single- or double-quoted string literal without interpolation.
 */
function php_string( string $literal ): string {
	$quote = $literal[0];
	if ( 'b' === $quote || 'B' === $quote ) {
		$literal = substr( $literal, 1 );
		$quote   = $literal[0];
	}
	$body = substr( $literal, 1, -1 );
	if ( "'" === $quote ) {
		return preg_replace( "/\\\\([\\\\'])/", '$1', $body );
	}
	return php_unescape( $body, true );
}

/**
 * The value of a heredoc or nowdoc without interpolation.
 */
function php_heredoc( string $start, string $body, string $end ): string {
	$indent = (string) substr( $end, 0, strspn( $end, " \t" ) );
	$body   = preg_replace( '/\r?\n$/', '', $body );
	if ( '' !== $indent ) {
		$body = preg_replace( '/^' . preg_quote( $indent, '/' ) . '/m', '', $body );
	}
	return false !== strpos( $start, "'" ) ? $body : php_unescape( $body, false );
}

/**
 * Applies PHP's double-quote escapes (\" only in double-quoted strings, not in heredocs).
 */
function php_unescape( string $body, bool $double_quoted ): string {
	$simple = array(
		'n'  => "\n",
		't'  => "\t",
		'r'  => "\r",
		'v'  => "\v",
		'e'  => "\e",
		'f'  => "\f",
		'\\' => '\\',
		'$'  => '$',
	);
	if ( $double_quoted ) {
		$simple['"'] = '"';
	}
	return preg_replace_callback(
		'/\\\\(?:([0-7]{1,3})|x([0-9A-Fa-f]{1,2})|u\{([0-9A-Fa-f]+)\}|(.))/s',
		static function ( array $m ) use ( $simple ): string {
			if ( isset( $m[1] ) && '' !== $m[1] ) {
				return chr( octdec( $m[1] ) & 0xFF );
			}
			if ( isset( $m[2] ) && '' !== $m[2] ) {
				return chr( hexdec( $m[2] ) );
			}
			if ( isset( $m[3] ) && '' !== $m[3] ) {
				return utf8( (int) hexdec( $m[3] ) );
			}
			return $simple[ $m[4] ] ?? $m[0];
		},
		$body
	);
}

/**
 * Turns TypeScript (or JavaScript) source into tokens. Knows string, template and regular
 * expression literals, comments and, in .tsx/.jsx files, JSX (whose text and attribute strings
 * are not code: "Don't" in JSX text opens no string).
 */
final class JsLexer {
	/** Names after which an expression (so a regular expression or JSX) may start. */
	const BEFORE_EXPRESSION = array( 'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await' );

	/** @var string */
	private $src;
	/** @var int */
	private $len;
	/** @var int */
	private $pos = 0;
	/** @var bool */
	private $jsx;
	/** @var int[] Offsets where lines start. */
	private $line_starts;
	/** @var array<int, array<string, mixed>> */
	private $tokens = array();
	/** @var array<string, mixed>|null The last token that was not a comment; null where an expression may start. */
	private $last = null;
	/** @var string The bytes a name is made of (any non-ASCII byte counts as a letter). */
	private $name_chars;

	public function __construct( string $src, bool $jsx ) {
		if ( 0 === strpos( $src, "\xEF\xBB\xBF" ) ) {
			$src = substr( $src, 3 );
		}
		$this->src         = $src;
		$this->len         = strlen( $src );
		$this->jsx         = $jsx;
		$this->name_chars  = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_$' . implode( '', array_map( 'chr', range( 0x80, 0xFF ) ) );
		$this->line_starts = array( 0 );
		$offset            = 0;
		while ( false !== ( $offset = strpos( $src, "\n", $offset ) ) ) {
			$this->line_starts[] = ++$offset;
		}
	}

	/**
	 * @return array<int, array<string, mixed>>
	 */
	public function tokenize(): array {
		$this->code( false );
		return $this->tokens;
	}

	private function line_at( int $offset ): int {
		$low  = 0;
		$high = count( $this->line_starts ) - 1;
		while ( $low < $high ) {
			$mid = ( $low + $high + 1 ) >> 1;
			if ( $this->line_starts[ $mid ] <= $offset ) {
				$low = $mid;
			} else {
				$high = $mid - 1;
			}
		}
		return $low + 1;
	}

	/**
	 * @param mixed $value The value.
	 */
	private function emit( string $type, $value, int $start, array $extra = array() ): void {
		$token          = token( $type, $value, $this->line_at( $start ), substr( $this->src, $start, $this->pos - $start ), $extra );
		$this->tokens[] = $token;
		if ( 'comment' !== $type ) {
			$this->last = $token;
		}
	}

	private function fail( string $what, int $offset ): void {
		throw new SourceError( sprintf( 'line %d: %s', $this->line_at( $offset ), $what ) );
	}

	/**
	 * Whether an expression may start here (so "/" opens a regular expression and "<" JSX).
	 */
	private function expression_expected(): bool {
		$last = $this->last;
		if ( null === $last ) {
			return true;
		}
		if ( 'punct' === $last['type'] ) {
			// After "a++" or "a--" comes a division; "++/x/" would make no sense.
			return ! in_array( $last['value'], array( ')', ']', '}', '++', '--' ), true );
		}
		return 'id' === $last['type'] && in_array( $last['value'], self::BEFORE_EXPRESSION, true );
	}

	/**
	 * Reads code up to the end of the file or, when nested, up to the "}" that closes the
	 * enclosing "${" or JSX "{" (which it consumes).
	 */
	private function code( bool $nested ): void {
		$depth = 0;
		$open  = $this->pos;
		while ( $this->pos < $this->len ) {
			$c    = $this->src[ $this->pos ];
			$next = $this->src[ $this->pos + 1 ] ?? '';
			$at   = $this->pos;
			if ( false !== strpos( " \t\n\r\f\v", $c ) ) {
				++$this->pos;
			} elseif ( "\xC2" === $c && "\xA0" === $next ) {
				$this->pos += 2;
			} elseif ( '/' === $c && '/' === $next ) {
				$this->comment();
			} elseif ( '/' === $c && '*' === $next ) {
				$this->comment();
			} elseif ( "'" === $c || '"' === $c ) {
				$this->string( $c );
			} elseif ( '`' === $c ) {
				$this->template();
			} elseif ( preg_match( '/[A-Za-z_$\x80-\xFF]/', $c ) ) {
				$this->pos += strspn( $this->src, $this->name_chars, $this->pos );
				$this->emit( 'id', substr( $this->src, $at, $this->pos - $at ), $at );
			} elseif ( ctype_digit( $c ) || ( '.' === $c && ctype_digit( $next ) ) ) {
				$this->pos += strspn( $this->src, '0123456789abcdefABCDEFxXoOn_.', $this->pos );
				if ( preg_match( '/^[eE][+-]?[0-9]/', substr( $this->src, $this->pos - 1, 3 ) ) && ! preg_match( '/^0[xX]/', substr( $this->src, $at, 2 ) ) ) {
					$this->pos += 1 + strspn( $this->src, '0123456789_', $this->pos + 1 );
				}
				$this->emit( 'other', null, $at );
			} elseif ( '{' === $c ) {
				++$depth;
				++$this->pos;
				$this->emit( 'punct', '{', $at );
			} elseif ( '}' === $c ) {
				++$this->pos;
				if ( 0 === $depth && $nested ) {
					return;
				}
				$depth = max( 0, $depth - 1 );
				$this->emit( 'punct', '}', $at );
			} elseif ( '/' === $c && $this->expression_expected() ) {
				$this->regex();
			} elseif ( '<' === $c && $this->jsx && $this->expression_expected() && preg_match( '/[A-Za-z_$>]/', $next ) ) {
				$this->jsx_element();
			} else {
				$three = substr( $this->src, $this->pos, 3 );
				$two   = substr( $three, 0, 2 );
				if ( '...' === $three ) {
					$punct = '...';
				} elseif ( in_array( $two, array( '=>', '++', '--' ), true ) || ( '?.' === $two && ! ctype_digit( $three[2] ?? '' ) ) ) {
					$punct = $two;
				} else {
					$punct = $c;
				}
				$this->pos += strlen( $punct );
				$this->emit( 'punct', $punct, $at );
			}
		}
		if ( $nested ) {
			$this->fail( 'unclosed "${" or JSX "{"', $open );
		}
	}

	private function comment(): void {
		$at = $this->pos;
		if ( '/' === $this->src[ $this->pos + 1 ] ) {
			$end       = strcspn( $this->src, "\r\n", $this->pos );
			$this->pos = $at + $end;
			$line      = true;
		} else {
			$end = strpos( $this->src, '*/', $this->pos + 2 );
			if ( false === $end ) {
				$this->fail( 'unterminated comment', $at );
			}
			$this->pos = (int) $end + 2;
			$line      = false;
		}
		$this->emit(
			'comment',
			substr( $this->src, $at, $this->pos - $at ),
			$at,
			array(
				'end_line'   => $this->line_at( $this->pos - 1 ),
				'line_style' => $line,
			)
		);
	}

	private function string( string $quote ): void {
		$at = $this->pos++;
		$value = '';
		while ( true ) {
			$run        = strcspn( $this->src, $quote . "\\\r\n", $this->pos );
			$value     .= substr( $this->src, $this->pos, $run );
			$this->pos += $run;
			$c          = $this->src[ $this->pos ] ?? '';
			if ( $c === $quote ) {
				++$this->pos;
				break;
			}
			if ( '\\' === $c ) {
				$value .= $this->escape();
				continue;
			}
			$this->fail( 'unterminated string', $at );
		}
		$this->emit( 'str', $value, $at );
	}

	private function template(): void {
		$at           = $this->pos++;
		$value        = '';
		$interpolated = false;
		while ( true ) {
			$run        = strcspn( $this->src, "`\\\$\r", $this->pos );
			$value     .= substr( $this->src, $this->pos, $run );
			$this->pos += $run;
			$c          = $this->src[ $this->pos ] ?? '';
			if ( '`' === $c ) {
				++$this->pos;
				break;
			} elseif ( '\\' === $c ) {
				$value .= $this->escape();
			} elseif ( '$' === $c && '{' === ( $this->src[ $this->pos + 1 ] ?? '' ) ) {
				$this->pos   += 2;
				$interpolated = true;
				$this->emit( 'other', null, $at, array( 'template' => true ) );
				$this->last = null;
				$this->code( true );
			} elseif ( '$' === $c ) {
				$value .= '$';
				++$this->pos;
			} elseif ( "\r" === $c ) {
				// Template literals turn CRLF and CR into LF.
				$value     .= "\n";
				$this->pos += "\n" === ( $this->src[ $this->pos + 1 ] ?? '' ) ? 2 : 1;
			} else {
				$this->fail( 'unterminated template literal', $at );
			}
		}
		if ( $interpolated ) {
			$this->emit( 'other', null, $at, array( 'template' => true ) );
		} else {
			$this->emit( 'str', $value, $at );
		}
	}

	/**
	 * Reads one escape sequence (the position is on the backslash) and returns its value.
	 */
	private function escape(): string {
		$at = $this->pos;
		$c  = $this->src[ $at + 1 ] ?? '';
		$this->pos += 2;
		switch ( $c ) {
			case 'n':
				return "\n";
			case 't':
				return "\t";
			case 'r':
				return "\r";
			case 'b':
				return "\x08";
			case 'f':
				return "\f";
			case 'v':
				return "\v";
			case "\n":
				return '';
			case "\r":
				if ( "\n" === ( $this->src[ $this->pos ] ?? '' ) ) {
					++$this->pos;
				}
				return '';
			case 'x':
				if ( ! preg_match( '/\G[0-9A-Fa-f]{2}/', $this->src, $m, 0, $this->pos ) ) {
					$this->fail( 'bad \\x escape', $at );
				}
				$this->pos += 2;
				return utf8( (int) hexdec( $m[0] ) );
			case 'u':
				return utf8( $this->code_point( $at ) );
			case '':
				$this->fail( 'unterminated string', $at );
		}
		if ( ctype_digit( $c ) ) {
			// "\0" is NUL; legacy octal escapes are not allowed in modules, so read them as digits.
			return '0' === $c && ! ctype_digit( $this->src[ $this->pos ] ?? '' ) ? "\0" : $c;
		}
		if ( "\xE2" === $c && in_array( substr( $this->src, $at + 2, 2 ), array( "\x80\xA8", "\x80\xA9" ), true ) ) {
			$this->pos += 2; // Line continuation with U+2028 or U+2029.
			return '';
		}
		return $c; // \' \" \\ \` \$ and any other character stand for themselves.
	}

	/**
	 * Reads the code point of a \u escape (after "\u"), joining a surrogate pair.
	 */
	private function code_point( int $at ): int {
		if ( preg_match( '/\G\{([0-9A-Fa-f]{1,6})\}/', $this->src, $m, 0, $this->pos ) ) {
			$this->pos += strlen( $m[0] );
			return (int) hexdec( $m[1] );
		}
		if ( ! preg_match( '/\G[0-9A-Fa-f]{4}/', $this->src, $m, 0, $this->pos ) ) {
			$this->fail( 'bad \\u escape', $at );
		}
		$this->pos += 4;
		$unit       = (int) hexdec( $m[0] );
		if ( $unit >= 0xD800 && $unit <= 0xDBFF && preg_match( '/\G\\\\u(d[c-f][0-9a-f]{2})/i', $this->src, $low, 0, $this->pos ) ) {
			$this->pos += 6;
			return 0x10000 + ( ( $unit - 0xD800 ) << 10 ) + ( (int) hexdec( $low[1] ) - 0xDC00 );
		}
		return $unit;
	}

	private function regex(): void {
		$at       = $this->pos++;
		$in_class = false;
		while ( true ) {
			$c = $this->src[ $this->pos ] ?? "\n";
			if ( "\n" === $c || "\r" === $c ) {
				// Not a regular expression after all: a division.
				$this->pos = $at + 1;
				$this->emit( 'punct', '/', $at );
				return;
			}
			++$this->pos;
			if ( '\\' === $c ) {
				++$this->pos;
			} elseif ( '[' === $c ) {
				$in_class = true;
			} elseif ( ']' === $c ) {
				$in_class = false;
			} elseif ( '/' === $c && ! $in_class ) {
				break;
			}
		}
		$this->pos += strspn( $this->src, 'abcdefghijklmnopqrstuvwxyz', $this->pos );
		$this->emit( 'other', null, $at );
	}

	private function skip_space(): void {
		$this->pos += strspn( $this->src, " \t\n\r\f\v", $this->pos );
	}

	/**
	 * Reads a JSX element or fragment (the position is on its "<").
	 */
	private function jsx_element(): void {
		$at = $this->pos++;
		$this->skip_space();
		if ( '>' === ( $this->src[ $this->pos ] ?? '' ) ) {
			++$this->pos;
			$this->jsx_children( $at );
			return;
		}
		$this->pos += strspn( $this->src, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_$.:-', $this->pos );
		if ( preg_match( '/\G\s*(,|extends\s)/', $this->src, $m, 0, $this->pos ) ) {
			// Not JSX but a generic arrow function's type parameters: <T,>( … ) or <T extends U>( … ).
			$this->pos = $at + 1;
			$this->emit( 'punct', '<', $at );
			return;
		}
		if ( '<' === ( $this->src[ $this->pos ] ?? '' ) ) {
			$this->skip_type_arguments();
		}
		while ( true ) {
			$this->skip_space();
			$c    = $this->src[ $this->pos ] ?? '';
			$next = $this->src[ $this->pos + 1 ] ?? '';
			if ( '' === $c ) {
				$this->fail( 'unterminated JSX tag', $at );
			} elseif ( '/' === $c && ( '/' === $next || '*' === $next ) ) {
				$this->comment();
			} elseif ( '/' === $c && '>' === $next ) {
				$this->pos += 2;
				$this->jsx_done( $at );
				return;
			} elseif ( '>' === $c ) {
				++$this->pos;
				$this->jsx_children( $at );
				return;
			} elseif ( '{' === $c ) {
				$this->expression_container();
			} elseif ( preg_match( '/[A-Za-z_$]/', $c ) ) {
				$this->pos += strspn( $this->src, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_$:-', $this->pos );
				$this->skip_space();
				if ( '=' === ( $this->src[ $this->pos ] ?? '' ) ) {
					++$this->pos;
					$this->skip_space();
					$v = $this->src[ $this->pos ] ?? '';
					if ( '"' === $v || "'" === $v ) {
						$end = strpos( $this->src, $v, $this->pos + 1 );
						if ( false === $end ) {
							$this->fail( 'unterminated JSX attribute', $this->pos );
						}
						$this->pos = (int) $end + 1;
					} elseif ( '{' === $v ) {
						$this->expression_container();
					} elseif ( '<' === $v ) {
						$this->jsx_element();
					} else {
						$this->fail( 'unexpected JSX attribute value', $this->pos );
					}
				}
			} else {
				$this->fail( sprintf( 'unexpected "%s" in a JSX tag', $c ), $this->pos );
			}
		}
	}

	/**
	 * Reads a JSX element's children up to and including its closing tag.
	 */
	private function jsx_children( int $at ): void {
		while ( true ) {
			$this->pos += strcspn( $this->src, '{<', $this->pos );
			$c          = $this->src[ $this->pos ] ?? '';
			if ( '' === $c ) {
				$this->fail( 'unclosed JSX element', $at );
			} elseif ( '{' === $c ) {
				$this->expression_container();
			} else {
				$after = $this->pos + 1 + strspn( $this->src, " \t\n\r", $this->pos + 1 );
				if ( '/' === ( $this->src[ $after ] ?? '' ) ) {
					$end = strpos( $this->src, '>', $after );
					if ( false === $end ) {
						$this->fail( 'unterminated JSX closing tag', $this->pos );
					}
					$this->pos = (int) $end + 1;
					$this->jsx_done( $at );
					return;
				}
				$this->jsx_element();
			}
		}
	}

	private function jsx_done( int $at ): void {
		$this->last = token( 'other', null, $this->line_at( $at ), '<…>', array( 'jsx' => true ) );
	}

	/**
	 * Reads a JSX "{…}" (the position is on the "{").
	 */
	private function expression_container(): void {
		++$this->pos;
		$this->last = null;
		$this->code( true );
	}

	private function skip_type_arguments(): void {
		$depth = 0;
		do {
			$c = $this->src[ $this->pos++ ] ?? '';
			if ( '<' === $c ) {
				++$depth;
			} elseif ( '>' === $c ) {
				--$depth;
			}
		} while ( $depth > 0 && '' !== $c );
	}
}

// ─── Extraction ────────────────────────────────────────────────────────────────────────────────

/**
 * Finds the translation calls in a file's tokens and adds their strings.
 *
 * @param array<int, array<string, mixed>> $tokens    The file's tokens.
 * @param array<string, string[]>         $functions Function name => argument roles.
 * @param string[]                        $members   Tokens that, before a name, make it a method or a declaration.
 * @param string                          $concat    The concatenation operator.
 */
function extract_calls( Collection $out, string $source, string $file, array $tokens, array $functions, array $members, string $concat ): void {
	$count        = count( $tokens );
	$pending      = null; // The translators comment waiting for its call.
	$acknowledged = array(); // Lines whose non-literal calls a phpcs:ignore or eslint-disable comment accepts.
	$previous     = null; // Last significant token.
	$before       = null; // The one before it.
	for ( $i = 0; $i < $count; $i++ ) {
		$t = $tokens[ $i ];
		if ( 'comment' === $t['type'] ) {
			$lines = comment_lines( $t['value'] );
			$text  = implode( ' ', $lines );
			if ( preg_match( '/phpcs:(ignore|disable).*I18n|eslint-disable.*i18n/i', $text ) ) {
				$acknowledged[ $t['end_line'] ] = true;
				$acknowledged[ $t['end_line'] + 1 ] = true;
			}
			if ( array() === $lines || ! preg_match( '/^translators:/i', $lines[0] ) ) {
				continue;
			}
			// "// translators: …" may go on over the next // lines.
			$last = $t;
			while ( $t['line_style'] && $i + 1 < $count && 'comment' === $tokens[ $i + 1 ]['type'] && $tokens[ $i + 1 ]['line_style'] && $tokens[ $i + 1 ]['line'] === $last['end_line'] + 1 ) {
				$more = comment_lines( $tokens[ $i + 1 ]['value'] );
				if ( array() === $more || preg_match( '/^(translators:|phpcs:|eslint|@ts-|prettier-)/i', $more[0] ) ) {
					break;
				}
				$lines = array_merge( $lines, $more );
				$last  = $tokens[ ++$i ];
			}
			if ( null !== $pending ) {
				$out->warn( $file . ':' . $pending['line'], 'translators comment followed by another one before any translation call; only the nearer one is used' );
			}
			$pending = array(
				'text' => implode( "\n", $lines ),
				'line' => $t['line'],
			);
			continue;
		}
		if ( 'punct' === $t['type'] && ';' === $t['value'] && null !== $pending ) {
			$out->warn( $file . ':' . $pending['line'], 'translators comment with no translation call after it in the same statement' );
			$pending = null;
		}
		$is_call = 'id' === $t['type'] && isset( $functions[ strtolower( $t['value'] ) ] );
		if ( $is_call && 'php' !== $source && $t['value'] !== strtolower( $t['value'] ) ) {
			$is_call = false; // JavaScript names are case-sensitive.
		}
		if ( $is_call && null !== $previous ) {
			if ( 'id' === $previous['type'] && in_array( $previous['value'], array( 'function', 'new', 'const' ), true ) ) {
				$is_call = false;
			} elseif ( 'punct' === $previous['type'] && in_array( $previous['value'], $members, true ) ) {
				// wp.i18n.__() and i18n.__() are the library's functions; other methods are not.
				$is_call = '.' === $previous['value'] && null !== $before && 'id' === $before['type'] && 'i18n' === $before['value'];
			}
		}
		$before   = $previous;
		$previous = $t;
		if ( ! $is_call ) {
			continue;
		}
		$open = next_significant( $tokens, $i + 1 );
		if ( null === $open || 'punct' !== $tokens[ $open ]['type'] || '(' !== $tokens[ $open ]['value'] ) {
			continue;
		}
		$name    = strtolower( $t['value'] );
		$args    = call_arguments( $tokens, $open );
		$comment = null === $pending ? null : $pending['text'];
		$pending = null;
		add_call( $out, $source, $file, (int) $t['line'], $name, $functions[ $name ], $args, $comment, isset( $acknowledged[ $t['line'] ] ), $concat );
	}
	if ( null !== $pending ) {
		$out->warn( $file . ':' . $pending['line'], 'translators comment with no translation call after it' );
	}
}

/**
 * The index of the next token that is not a comment, or null.
 *
 * @param array<int, array<string, mixed>> $tokens The tokens.
 */
function next_significant( array $tokens, int $from ): ?int {
	$count = count( $tokens );
	for ( $i = $from; $i < $count; $i++ ) {
		if ( 'comment' !== $tokens[ $i ]['type'] ) {
			return $i;
		}
	}
	return null;
}

/**
 * The arguments of a call: for each, its tokens (comments left out).
 *
 * @param array<int, array<string, mixed>> $tokens The tokens.
 * @param int                              $open   Index of the call's "(".
 * @return array<int, array<int, array<string, mixed>>>
 */
function call_arguments( array $tokens, int $open ): array {
	$args    = array();
	$current = array();
	$depth   = 0;
	$count   = count( $tokens );
	for ( $i = $open + 1; $i < $count; $i++ ) {
		$t = $tokens[ $i ];
		if ( 'comment' === $t['type'] ) {
			continue;
		}
		if ( 'punct' === $t['type'] ) {
			if ( in_array( $t['value'], array( '(', '[', '{' ), true ) ) {
				++$depth;
			} elseif ( in_array( $t['value'], array( ')', ']', '}' ), true ) ) {
				if ( 0 === $depth ) {
					break;
				}
				--$depth;
			} elseif ( ',' === $t['value'] && 0 === $depth ) {
				$args[]  = $current;
				$current = array();
				continue;
			}
		}
		$current[] = $t;
	}
	if ( array() !== $current ) {
		$args[] = $current; // A trailing comma leaves no empty last argument.
	}
	return $args;
}

/**
 * Says what a non-literal argument is, for a warning.
 *
 * @param array<int, array<string, mixed>> $arg The argument's tokens.
 */
function describe( array $arg, string $concat ): string {
	$source = trim( implode( ' ', array_column( $arg, 'raw' ) ) );
	$source = strlen( $source ) > 70 ? substr( $source, 0, 69 ) . '…' : $source;
	$kinds  = array_unique(
		array_map(
			static function ( array $t ) use ( $concat ): string {
				return 'punct' === $t['type'] && $concat === $t['value'] ? 'concat' : $t['type'];
			},
			$arg
		)
	);
	sort( $kinds );
	if ( array( 'concat', 'str' ) === $kinds ) {
		$what = 'literals joined with "' . $concat . '" (write one literal)';
	} elseif ( ! empty( $arg[0]['template'] ) && ! empty( $arg[ count( $arg ) - 1 ]['template'] ) ) {
		$what   = 'a template literal with ${…} (use sprintf and placeholders)';
		$source = $arg[ count( $arg ) - 1 ]['raw'];
	} elseif ( 1 === count( $arg ) && ( '$' === $arg[0]['raw'][0] || 'id' === $arg[0]['type'] ) ) {
		$what = 'a variable or constant';
	} elseif ( 1 === count( $arg ) && '"' === $arg[0]['raw'][0] ) {
		$what = 'a string with interpolation (use sprintf and placeholders)';
	} else {
		$what = 'an expression';
	}
	return $what . ': ' . $source;
}

/**
 * Adds the string of one translation call, or a warning saying why it cannot be.
 *
 * @param string[]                                     $roles The function's argument roles.
 * @param array<int, array<int, array<string, mixed>>> $args  The call's arguments.
 */
function add_call( Collection $out, string $source, string $file, int $line, string $name, array $roles, array $args, ?string $comment, bool $acknowledged, string $concat ): void {
	$where    = $file . ':' . $line;
	$values   = array();
	$problems = array();
	foreach ( $roles as $index => $role ) {
		if ( 'number' === $role ) {
			continue;
		}
		$arg = $args[ $index ] ?? null;
		if ( null === $arg ) {
			$out->warn( $where, sprintf( '%s() has no %s argument%s', $name, $role, 'domain' === $role ? ': the string would be looked up in WordPress\'s own text domain' : '' ), $acknowledged );
			return;
		}
		if ( 1 === count( $arg ) && 'str' === $arg[0]['type'] ) {
			$values[ $role ] = $arg[0]['value'];
		} else {
			$problems[ $role ] = describe( $arg, $concat );
		}
	}
	if ( isset( $values['domain'] ) && DOMAIN !== $values['domain'] ) {
		return; // Another plugin's or WordPress's string.
	}
	foreach ( $problems as $role => $what ) {
		$out->warn( $where, sprintf( 'not extractable: the %s given to %s() is %s', 'text' === $role ? 'text' : $role, $name, $what ), $acknowledged );
	}
	if ( array() !== $problems ) {
		return;
	}
	if ( '' === $values['text'] ) {
		$out->warn( $where, sprintf( '%s() with an empty string (which would translate to the .mo header)', $name ) );
		return;
	}
	$plural = $values['plural'] ?? null;
	if ( null !== $plural ) {
		$singular_count = count( placeholders( $values['text'] ) );
		$plural_count   = count( placeholders( $plural ) );
		if ( $singular_count !== $plural_count ) {
			$out->warn( $where, sprintf( '%s(): the singular %s has %d sprintf placeholder%s, the plural %s has %d', $name, quote( $values['text'], 40 ), $singular_count, 1 === $singular_count ? '' : 's', quote( $plural, 40 ), $plural_count ) );
		}
	}
	$out->add( $source, $values['context'] ?? null, $values['text'], $plural, $where, $comment );
}

/**
 * Adds the strings of a PHP file.
 */
function extract_php( Collection $out, string $root, string $file ): void {
	$out->scanned( 'php', $file );
	extract_calls( $out, 'php', $file, php_tokens( read( $root, $file ) ), PHP_FUNCTIONS, array( '->', '::', '\\' ), '.' );
}

/**
 * Adds the strings of a TypeScript or JavaScript file.
 */
function extract_js( Collection $out, string $root, string $file ): void {
	$out->scanned( 'ts', $file );
	try {
		$tokens = ( new JsLexer( read( $root, $file ), (bool) preg_match( '/\.[jt]sx$/', $file ) ) )->tokenize();
	} catch ( SourceError $error ) {
		throw new SourceError( $file . ': ' . $error->getMessage() );
	}
	extract_calls( $out, 'ts', $file, $tokens, JS_FUNCTIONS, array( '.', '?.' ), '+' );
}

/**
 * Adds the texts of the error catalog that Catalog::localize() translates: each entry's title
 * and meaning, its causes' text, its server codes' note, its fixes' title and steps.
 */
function extract_catalog( Collection $out, string $root, string $file ): void {
	$out->scanned( 'catalog', $file );
	$json = json_decode( read( $root, $file ), true );
	if ( ! is_array( $json ) || ! isset( $json['entries'] ) || ! is_array( $json['entries'] ) ) {
		throw new SourceError( $file . ': not a catalog (' . json_last_error_msg() . ')' );
	}
	foreach ( $json['entries'] as $index => $entry ) {
		if ( ! is_array( $entry ) || empty( $entry['code'] ) ) {
			continue; // Catalog skips these too.
		}
		$code  = (string) $entry['code'];
		$texts = array();
		if ( isset( $entry['title'] ) ) {
			$texts[] = array( $entry['title'], 'title' );
		} else {
			$out->warn( $file, sprintf( 'entry %s has no title: Catalog shows (and passes to __()) its code', $code ) );
		}
		$texts[] = array( $entry['meaning'] ?? '', 'what it means' );
		foreach ( (array) ( $entry['causes'] ?? array() ) as $cause ) {
			$texts[] = array( $cause['text'] ?? '', sprintf( 'cause (%s)', $cause['cause'] ?? '?' ) );
		}
		foreach ( (array) ( $entry['server_codes'] ?? array() ) as $listing ) {
			if ( isset( $listing['note'] ) ) {
				$texts[] = array( $listing['note'], sprintf( 'note on the server code %s', $listing['code'] ?? '?' ) );
			}
		}
		foreach ( (array) ( $entry['how_to_fix'] ?? array() ) as $fix ) {
			$audience = $fix['audience'] ?? '?';
			$texts[]  = array( $fix['title'] ?? '', sprintf( 'how to fix, for the %s: title', $audience ) );
			foreach ( array_values( (array) ( $fix['steps'] ?? array() ) ) as $step => $text ) {
				$texts[] = array( $text, sprintf( 'how to fix, for the %s: step %d', $audience, $step + 1 ) );
			}
		}
		foreach ( $texts as list( $text, $what ) ) {
			if ( ! is_string( $text ) ) {
				$out->warn( $file, sprintf( 'entry %s: the %s is not a string', $code, $what ) );
				continue;
			}
			if ( '' === $text ) {
				continue;
			}
			$comment = sprintf( 'Error catalog, %s: %s.', $code, $what );
			if ( false !== strpos( $text, '`' ) ) {
				$comment .= "\nText between backticks (`…`) is code: keep it as it is.";
			}
			$out->add( 'catalog', null, $text, null, $file, $comment );
		}
	}
}

/**
 * Reads the plugin headers the way WordPress's get_file_data() does.
 *
 * @return array<string, string> Header name => value, for the headers present.
 */
function plugin_headers( string $code ): array {
	$code    = str_replace( "\r", "\n", substr( $code, 0, 8192 ) );
	$headers = array();
	foreach ( array_merge( array_keys( HEADERS ), array( 'Version' ) ) as $name ) {
		if ( preg_match( '/^(?:[ \t]*<\?php)?[ \t\/*#@]*' . preg_quote( $name, '/' ) . ':(.*)$/mi', $code, $m ) ) {
			$value = trim( (string) preg_replace( '/\s*(?:\*\/|\?>).*/', '', $m[1] ) );
			if ( '' !== $value ) {
				$headers[ $name ] = $value;
			}
		}
	}
	return $headers;
}

/**
 * Adds the translatable plugin headers.
 */
function extract_headers( Collection $out, string $file, array $headers ): void {
	foreach ( HEADERS as $name => $comment ) {
		if ( isset( $headers[ $name ] ) ) {
			$out->add( 'header', null, $headers[ $name ], null, $file, $comment );
		}
	}
}

function read( string $root, string $file ): string {
	$code = @file_get_contents( $root . '/' . $file ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
	if ( false === $code ) {
		throw new SourceError( $file . ': cannot read' );
	}
	return $code;
}

/**
 * Lists files under paths (files or folders, relative to the root), sorted, leaving out
 * node_modules and vendor, test folders and test files.
 *
 * @param string[] $paths      Relative paths.
 * @param string   $extensions Regular expression the file names must match.
 * @return string[] Relative paths with "/" separators.
 */
function find_files( string $root, array $paths, string $extensions ): array {
	$found = array();
	foreach ( $paths as $path ) {
		$full = $root . '/' . $path;
		if ( is_file( $full ) ) {
			$found[] = $path;
			continue;
		}
		if ( ! is_dir( $full ) ) {
			continue;
		}
		$iterator = new \RecursiveIteratorIterator(
			new \RecursiveCallbackFilterIterator(
				new \RecursiveDirectoryIterator( $full, \FilesystemIterator::SKIP_DOTS ),
				static function ( \SplFileInfo $item ) use ( $extensions ): bool {
					$name = $item->getFilename();
					if ( $item->isDir() ) {
						return ! in_array( $name, array( 'node_modules', 'vendor', 'test', 'tests', '__tests__', '__mocks__', 'test-utils' ), true ) && '.' !== $name[0];
					}
					return (bool) preg_match( $extensions, $name ) && ! preg_match( '/\.(test|spec|stories)\.[^.]+$|\.d\.ts$/', $name );
				}
			)
		);
		foreach ( $iterator as $item ) {
			$found[] = $path . '/' . str_replace( '\\', '/', substr( $item->getPathname(), strlen( $full ) + 1 ) );
		}
	}
	$found = array_values( array_unique( $found ) );
	sort( $found, SORT_STRING );
	return $found;
}

/**
 * Scans the sources of a project and returns what it found.
 *
 * @param array{root: string, plugin: string, php: string[], js: string[], catalog: string} $config Paths relative to root.
 * @return array{0: Collection, 1: array<string, string>} The messages and the plugin headers.
 */
function scan( array $config ): array {
	$root    = $config['root'];
	$out     = new Collection();
	$headers = plugin_headers( read( $root, $config['plugin'] ) );
	extract_headers( $out, $config['plugin'], $headers );

	// Every file in path order, so messages come out in the order of their first reference.
	$jobs = array();
	foreach ( find_files( $root, $config['php'], '/\.php$/' ) as $file ) {
		$jobs[ $file ] = 'php';
	}
	foreach ( find_files( $root, $config['js'], '/\.[jt]sx?$/' ) as $file ) {
		$jobs[ $file ] = 'js';
	}
	if ( '' !== $config['catalog'] ) {
		$jobs[ $config['catalog'] ] = 'catalog';
	}
	ksort( $jobs, SORT_STRING );
	foreach ( $jobs as $file => $kind ) {
		if ( 'php' === $kind ) {
			extract_php( $out, $root, (string) $file );
		} elseif ( 'js' === $kind ) {
			extract_js( $out, $root, (string) $file );
		} else {
			extract_catalog( $out, $root, (string) $file );
		}
	}
	return array( $out, $headers );
}

// ─── The .pot file ─────────────────────────────────────────────────────────────────────────────

/**
 * A string in PO syntax.
 */
function po_string( string $text ): string {
	$text = strtr(
		$text,
		array(
			'\\' => '\\\\',
			'"'  => '\\"',
			"\n" => '\\n',
			"\t" => '\\t',
			"\r" => '\\r',
		)
	);
	return '"' . preg_replace_callback(
		'/[\x00-\x08\x0B-\x1F\x7F]/',
		static function ( array $m ): string {
			return sprintf( '\\%03o', ord( $m[0] ) );
		},
		$text
	) . '"';
}

/**
 * A keyword and its string, split after each newline the way gettext does.
 */
function po_field( string $keyword, string $text ): string {
	$pieces = preg_split( '/(?<=\n)/', $text, -1, PREG_SPLIT_NO_EMPTY );
	if ( count( $pieces ) <= 1 ) {
		return $keyword . ' ' . po_string( $text ) . "\n";
	}
	return $keyword . ' ""' . "\n" . implode( '', array_map( static function ( string $piece ): string {
		return po_string( $piece ) . "\n";
	}, $pieces ) );
}

/**
 * The whole template.
 *
 * @param array<string, string> $headers The plugin headers.
 */
function render( Collection $out, array $headers, string $date ): string {
	$name    = $headers['Plugin Name'] ?? DOMAIN;
	$version = $headers['Version'] ?? '';
	$pot     = "# Translation template for {$name}.\n";
	$pot    .= "# This file is distributed under the same license as the {$name} plugin.\n";
	$pot    .= "# Generated by bin/make-pot.php (npm run make-pot): do not edit by hand.\n";
	$fields  = array(
		'Project-Id-Version'        => trim( $name . ' ' . $version ),
		'Report-Msgid-Bugs-To'      => 'https://wordpress.org/support/plugin/' . DOMAIN,
		'Last-Translator'           => 'FULL NAME <EMAIL@ADDRESS>',
		'Language-Team'             => 'LANGUAGE <LL@li.org>',
		'MIME-Version'              => '1.0',
		'Content-Type'              => 'text/plain; charset=UTF-8',
		'Content-Transfer-Encoding' => '8bit',
		'POT-Creation-Date'         => $date,
		'PO-Revision-Date'          => 'YEAR-MO-DA HO:MI+ZONE',
		'X-Generator'               => 'bin/make-pot.php',
		'X-Domain'                  => DOMAIN,
		'Plural-Forms'              => 'nplurals=INTEGER; plural=EXPRESSION;',
	);
	$pot    .= "msgid \"\"\nmsgstr \"\"\n";
	foreach ( $fields as $field => $value ) {
		$pot .= po_string( $field . ': ' . $value . "\n" ) . "\n";
	}
	foreach ( $out->messages as $message ) {
		$pot .= "\n";
		foreach ( $message->comments as $comment ) {
			foreach ( explode( "\n", $comment ) as $line ) {
				$pot .= '#. ' . $line . "\n";
			}
		}
		foreach ( $message->references as $reference ) {
			$pot .= '#: ' . $reference . "\n";
		}
		if ( null !== $message->context ) {
			$pot .= po_field( 'msgctxt', $message->context );
		}
		$pot .= po_field( 'msgid', $message->id );
		if ( null === $message->plural ) {
			$pot .= "msgstr \"\"\n";
		} else {
			$pot .= po_field( 'msgid_plural', $message->plural );
			$pot .= "msgstr[0] \"\"\nmsgstr[1] \"\"\n";
		}
	}
	return $pot;
}

/**
 * The template without its creation date, for comparisons.
 */
function without_date( string $pot ): string {
	return (string) preg_replace( '/^"POT-Creation-Date: [^"\n]*"\n/m', '', str_replace( "\r\n", "\n", $pot ) );
}

/**
 * Reads a PO/POT file's messages (enough of the format for comparing two templates).
 *
 * @return array<string, array{id: string, context: ?string, plural: ?string, comments: string[], references: string[]}> By key.
 */
function parse_po( string $text ): array {
	$messages = array();
	foreach ( preg_split( '/\n\s*\n/', str_replace( "\r\n", "\n", $text ) ) as $block ) {
		$message = array(
			'id'         => null,
			'context'    => null,
			'plural'     => null,
			'comments'   => array(),
			'references' => array(),
		);
		$field   = null;
		foreach ( explode( "\n", $block ) as $line ) {
			if ( 0 === strpos( $line, '#.' ) ) {
				$message['comments'][] = trim( substr( $line, 2 ) );
			} elseif ( 0 === strpos( $line, '#:' ) ) {
				$message['references'] = array_merge( $message['references'], preg_split( '/\s+/', trim( substr( $line, 2 ) ), -1, PREG_SPLIT_NO_EMPTY ) );
			} elseif ( preg_match( '/^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")\s*$/', $line, $m ) ) {
				$field = array( 'msgctxt' => 'context', 'msgid' => 'id', 'msgid_plural' => 'plural' )[ $m[1] ] ?? null;
				if ( null !== $field ) {
					$message[ $field ] = po_unquote( $m[2] );
				}
			} elseif ( null !== $field && preg_match( '/^\s*(".*")\s*$/', $line, $m ) ) {
				$message[ $field ] .= po_unquote( $m[1] );
			}
		}
		if ( null !== $message['id'] && '' !== $message['id'] ) {
			$messages[ Message::key( $message['context'], $message['id'] ) ] = $message;
		}
	}
	return $messages;
}

function po_unquote( string $quoted ): string {
	return stripcslashes( substr( $quoted, 1, -1 ) );
}

/**
 * Describes how two templates differ, string by string.
 *
 * @return string[]
 */
function differences( string $old, string $new ): array {
	$before = parse_po( $old );
	$after  = parse_po( $new );
	$lines  = array();
	foreach ( $after as $key => $message ) {
		$label = ( null === $message['context'] ? '' : '[' . $message['context'] . '] ' ) . quote( $message['id'], 80 );
		if ( ! isset( $before[ $key ] ) ) {
			$lines[] = '  + ' . $label . '  (' . ( $message['references'][0] ?? '' ) . ')';
		} elseif ( $before[ $key ] !== $message ) {
			$what = array();
			foreach ( array( 'plural', 'references', 'comments' ) as $part ) {
				if ( $before[ $key ][ $part ] !== $message[ $part ] ) {
					$what[] = $part;
				}
			}
			$lines[] = '  ~ ' . $label . '  (' . implode( ', ', $what ) . ' changed)';
		}
	}
	foreach ( $before as $key => $message ) {
		if ( ! isset( $after[ $key ] ) ) {
			$lines[] = '  - ' . ( null === $message['context'] ? '' : '[' . $message['context'] . '] ' ) . quote( $message['id'], 80 ) . '  (no longer in the code)';
		}
	}
	if ( array() === $lines ) {
		$old_lines = explode( "\n", without_date( $old ) );
		$new_lines = explode( "\n", without_date( $new ) );
		foreach ( $new_lines as $number => $line ) {
			if ( ( $old_lines[ $number ] ?? null ) !== $line ) {
				$lines[] = sprintf( '  the same strings, but line %d differs (header, order or layout): %s', $number + 1, $line );
				break;
			}
		}
		if ( array() === $lines ) {
			$lines[] = sprintf( '  the same strings, but the committed file has %d extra lines', count( $old_lines ) - count( $new_lines ) );
		}
	}
	return $lines;
}

// ─── Command line ──────────────────────────────────────────────────────────────────────────────

/**
 * Prints the warnings; returns how many are not acknowledged.
 */
function report_warnings( Collection $out ): int {
	$open = 0;
	foreach ( $out->warnings as $warning ) {
		fwrite( STDERR, sprintf( "%s: %s: %s\n", $warning['acknowledged'] ? 'note (acknowledged)' : 'warning', $warning['where'], $warning['message'] ) );
		$open += $warning['acknowledged'] ? 0 : 1;
	}
	return $open;
}

/**
 * The warnings as lines, for the self-test.
 */
function warning_lines( Collection $out ): string {
	$lines = '';
	foreach ( $out->warnings as $warning ) {
		$lines .= sprintf( "%s%s: %s\n", $warning['acknowledged'] ? '(acknowledged) ' : '', $warning['where'], $warning['message'] );
	}
	return $lines;
}

function summary( Collection $out ): string {
	$parts = array();
	foreach ( SOURCE_NAMES as $source => $name ) {
		$files   = count( $out->files[ $source ] ?? array() );
		$parts[] = sprintf(
			'%s %d%s',
			$name,
			$out->count_from( $source ),
			'header' === $source || 'catalog' === $source ? '' : sprintf( ' from %d occurrences in %d files', $out->occurrences[ $source ] ?? 0, $files )
		);
	}
	return sprintf( '%d strings (%s)', count( $out->messages ), implode( ', ', $parts ) );
}

/**
 * Runs the extractor on tests/i18n/ and compares with the expected files.
 */
function self_test( string $project, bool $update ): int {
	$dir    = 'tests/i18n';
	$config = array(
		'root'    => $project,
		'plugin'  => $dir . '/fixture-plugin.php',
		'php'     => array( $dir ),
		'js'      => array( $dir ),
		'catalog' => $dir . '/catalog.json',
	);
	list( $out, $headers ) = scan( $config );
	$results = array(
		$dir . '/expected.pot'          => render( $out, $headers, '2000-01-01 00:00+0000' ),
		$dir . '/expected-warnings.txt' => warning_lines( $out ),
	);
	$failed = 0;
	foreach ( $results as $file => $actual ) {
		if ( $update ) {
			file_put_contents( $project . '/' . $file, $actual );
			echo "wrote {$file}\n";
			continue;
		}
		$expected = is_file( $project . '/' . $file ) ? (string) file_get_contents( $project . '/' . $file ) : '';
		if ( $expected === $actual ) {
			echo "ok: {$file}\n";
			continue;
		}
		++$failed;
		echo "FAILED: {$file} differs from what the extractor produces now:\n";
		$expected_lines = explode( "\n", $expected );
		$actual_lines   = explode( "\n", $actual );
		$shown          = 0;
		$total          = max( count( $expected_lines ), count( $actual_lines ) );
		for ( $i = 0; $i < $total && $shown < 12; $i++ ) {
			if ( ( $expected_lines[ $i ] ?? null ) !== ( $actual_lines[ $i ] ?? null ) ) {
				printf( "  line %d\n    expected: %s\n    actual:   %s\n", $i + 1, $expected_lines[ $i ] ?? '(end of file)', $actual_lines[ $i ] ?? '(end of file)' );
				++$shown;
			}
		}
	}
	if ( ! $update ) {
		echo 0 === $failed ? "self-test passed\n" : "self-test FAILED\n";
	}
	return 0 === $failed ? 0 : 1;
}

function main( array $argv ): int {
	$options = array_slice( $argv, 1 );
	$known   = array( '--check', '--self-test', '--update', '--stdout', '--strict', '--help', '-h' );
	$unknown = array_diff( $options, $known );
	if ( array() !== $unknown || in_array( '--help', $options, true ) || in_array( '-h', $options, true ) ) {
		fwrite( STDERR, "usage: php bin/make-pot.php [--check | --self-test [--update] | --stdout] [--strict]\n" );
		return array() === $unknown ? 0 : 2;
	}
	$project = dirname( __DIR__ );
	if ( in_array( '--self-test', $options, true ) ) {
		return self_test( $project, in_array( '--update', $options, true ) );
	}

	$target = 'languages/' . DOMAIN . '.pot';
	list( $out, $headers ) = scan(
		array(
			'root'    => $project,
			'plugin'  => 'plugin.php',
			'php'     => array( 'plugin.php', 'uninstall.php', 'includes' ),
			'js'      => array( 'src' ),
			'catalog' => 'includes/Catalog/catalog.json',
		)
	);
	$open   = report_warnings( $out );
	$strict = in_array( '--strict', $options, true ) && $open > 0;
	if ( $strict ) {
		fwrite( STDERR, "{$open} warnings (--strict)\n" );
	}
	$epoch = getenv( 'SOURCE_DATE_EPOCH' );
	$date  = gmdate( 'Y-m-d H:i+0000', false !== $epoch && ctype_digit( $epoch ) ? (int) $epoch : time() );
	$pot   = render( $out, $headers, $date );
	$path  = $project . '/' . $target;
	$old   = is_file( $path ) ? (string) file_get_contents( $path ) : null;

	if ( in_array( '--stdout', $options, true ) ) {
		echo $pot;
		return $strict ? 1 : 0;
	}
	if ( in_array( '--check', $options, true ) ) {
		if ( null === $old ) {
			echo "{$target} is missing: run `npm run make-pot` (php bin/make-pot.php) and commit it.\n";
			return 1;
		}
		if ( without_date( $old ) !== without_date( $pot ) ) {
			echo "{$target} is out of date; run `npm run make-pot` (php bin/make-pot.php) and commit it. Differences (+ new, - gone, ~ changed):\n";
			echo implode( "\n", differences( $old, $pot ) ), "\n";
			return 1;
		}
		echo "{$target} is up to date: " . summary( $out ) . "\n";
		return $strict ? 1 : 0;
	}
	if ( null !== $old && without_date( $old ) === without_date( $pot ) ) {
		echo "{$target} is up to date: " . summary( $out ) . "\n";
		return $strict ? 1 : 0;
	}
	if ( ! is_dir( dirname( $path ) ) && ! mkdir( dirname( $path ), 0755, true ) ) {
		fwrite( STDERR, "cannot create " . dirname( $target ) . "\n" );
		return 2;
	}
	$temporary = $path . '.tmp';
	if ( false === file_put_contents( $temporary, $pot ) || ! rename( $temporary, $path ) ) {
		fwrite( STDERR, "cannot write {$target}\n" );
		return 2;
	}
	echo "wrote {$target}: " . summary( $out ) . "\n";
	return $strict ? 1 : 0;
}

if ( PHP_SAPI === 'cli' && isset( $argv[0] ) && realpath( $argv[0] ) === realpath( __FILE__ ) ) {
	try {
		exit( main( $argv ) );
	} catch ( SourceError $error ) {
		fwrite( STDERR, 'make-pot: ' . $error->getMessage() . "\n" );
		exit( 2 );
	}
}
