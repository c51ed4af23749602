<?php
/**
 * A small count of distinct users that merges: exact while small, an estimate when large.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

defined( 'ABSPATH' ) || exit;

/**
 * Counts the distinct users of a bucket of the rollup so that buckets can be merged: the user
 * ids themselves while there are few of them (`L:` and the ids, exact), past that a
 * HyperLogLog of 1,024 registers (`H:` and one character per register; about 3% standard
 * error). Only the ids' hashes reach the registers; the list form holds user ids, which the
 * failures table holds too, and the privacy eraser removes with them.
 *
 * @since 0.1.0
 */
class UserSketch {

	/**
	 * How many ids the exact form holds before it becomes an estimate.
	 */
	const EXACT = 200;

	/**
	 * Registers of the estimate (2^10).
	 */
	const REGISTERS = 1024;

	/**
	 * The ids, while exact.
	 *
	 * @var array<int, true>|null
	 */
	private $ids = array();

	/**
	 * The registers, once an estimate: one character each, '0' + the register's value.
	 *
	 * @var string
	 */
	private $registers = '';

	/**
	 * Reads a stored sketch; an empty or unreadable one counts nobody.
	 *
	 * @param string $stored What encode() gave.
	 * @return self
	 */
	public static function decode( string $stored ): self {
		$sketch = new self();
		if ( 0 === strpos( $stored, 'H:' ) && self::REGISTERS + 2 === strlen( $stored ) ) {
			$sketch->ids       = null;
			$sketch->registers = substr( $stored, 2 );
		} elseif ( 0 === strpos( $stored, 'L:' ) ) {
			foreach ( explode( ',', substr( $stored, 2 ) ) as $id ) {
				if ( ctype_digit( $id ) ) {
					$sketch->add( (int) $id );
				}
			}
		}
		return $sketch;
	}

	/**
	 * Adds a user.
	 *
	 * @param int $user_id The user.
	 * @return void
	 */
	public function add( int $user_id ): void {
		if ( null !== $this->ids ) {
			$this->ids[ $user_id ] = true;
			if ( count( $this->ids ) > self::EXACT ) {
				$this->to_registers();
			}
			return;
		}
		$this->register( $user_id );
	}

	/**
	 * Adds every user of another sketch.
	 *
	 * @param UserSketch $other The other sketch.
	 * @return void
	 */
	public function merge( UserSketch $other ): void {
		if ( null !== $other->ids ) {
			foreach ( $other->ids as $id => $unused ) {
				$this->add( $id );
			}
			return;
		}
		if ( null !== $this->ids ) {
			$this->to_registers();
		}
		$mine  = $this->registers;
		$their = $other->registers;
		for ( $i = 0; $i < self::REGISTERS; $i++ ) {
			if ( $their[ $i ] > $mine[ $i ] ) {
				$mine[ $i ] = $their[ $i ];
			}
		}
		$this->registers = $mine;
	}

	/**
	 * Tells whether count() is exact.
	 *
	 * @return bool
	 */
	public function exact(): bool {
		return null !== $this->ids;
	}

	/**
	 * Counts the users: exactly while few, else the HyperLogLog estimate (with linear counting
	 * while many registers are still empty).
	 *
	 * @return int
	 */
	public function count(): int {
		if ( null !== $this->ids ) {
			return count( $this->ids );
		}
		$m     = self::REGISTERS;
		$sum   = 0.0;
		$zeros = 0;
		for ( $i = 0; $i < $m; $i++ ) {
			$value = ord( $this->registers[ $i ] ) - 48;
			$sum  += 2 ** -$value;
			if ( 0 === $value ) {
				++$zeros;
			}
		}
		$estimate = ( 0.7213 / ( 1 + 1.079 / $m ) ) * $m * $m / $sum;
		if ( $estimate <= 2.5 * $m && $zeros > 0 ) {
			$estimate = $m * log( $m / $zeros );
		}
		return (int) round( $estimate );
	}

	/**
	 * Writes the sketch for storage (at most 1,026 characters).
	 *
	 * @return string
	 */
	public function encode(): string {
		if ( null !== $this->ids ) {
			$ids = array_keys( $this->ids );
			sort( $ids );
			return 'L:' . implode( ',', $ids );
		}
		return 'H:' . $this->registers;
	}

	/**
	 * Turns the exact form into registers.
	 *
	 * @return void
	 */
	private function to_registers(): void {
		$ids             = array_keys( (array) $this->ids );
		$this->ids       = null;
		$this->registers = str_repeat( '0', self::REGISTERS );
		foreach ( $ids as $id ) {
			$this->register( $id );
		}
	}

	/**
	 * Counts a user in its register: the first 10 bits of its hash pick the register, the
	 * position of the first set bit of the next 22 is the value kept if higher.
	 *
	 * @param int $user_id The user.
	 * @return void
	 */
	private function register( int $user_id ): void {
		$bits  = (int) hexdec( substr( md5( 'user:' . $user_id ), 0, 8 ) );
		$index = $bits >> 22;
		$rest  = $bits & 0x3FFFFF;
		$rank  = 0 === $rest ? 23 : 22 - (int) floor( log( $rest, 2 ) );
		$char  = chr( 48 + $rank );
		if ( $char > $this->registers[ $index ] ) {
			$this->registers[ $index ] = $char;
		}
	}
}
