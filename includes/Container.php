<?php
/**
 * Builds the plugin's objects the first time something needs them, once per request.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel;

defined( 'ABSPATH' ) || exit;

/**
 * A small service container: `get( Foo::class )` builds Foo the first time (its constructor's
 * class-typed parameters are built the same way; a parameter with a default keeps it) and
 * shares it afterwards. A few classes need more than their types say — a setting, a callback,
 * a collaborator needed on some of their paths only — and have a factory in `Wiring`. Nothing
 * is built until a hook of the table in `Hooks` fires and its guard lets it through. No class
 * receives the container.
 *
 * @since 0.1.0
 */
final class Container {

	/**
	 * Objects built so far, by class.
	 *
	 * @var array<string, object>
	 */
	private $services = array();

	/**
	 * Builders of the classes that need more than their constructor's types, by class.
	 *
	 * @var array<string, callable(Container): object>
	 */
	private $factories;

	/**
	 * Runs once, before the first object is built (the hook table's rows of the plugin's own
	 * actions), then is forgotten.
	 *
	 * @var callable|null
	 */
	private $first_build;

	/**
	 * Creates the container.
	 *
	 * @param array<string, callable(Container): object> $factories Builders, by class.
	 */
	public function __construct( array $factories = array() ) {
		$this->factories = $factories;
	}

	/**
	 * Returns the shared object of a class, built on first use.
	 *
	 * @param string $class The class.
	 * @return object
	 *
	 * @phpstan-template T of object
	 * @phpstan-param class-string<T> $class
	 * @phpstan-return T
	 */
	public function get( string $class ) {
		if ( ! isset( $this->services[ $class ] ) ) {
			$this->services[ $class ] = $this->build( $class );
		}
		$service = $this->services[ $class ];
		assert( $service instanceof $class );
		return $service;
	}

	/**
	 * Sets what runs before the first object is built (at once, if one was built already).
	 *
	 * @param callable $run What to run: function (): void.
	 * @return void
	 */
	public function on_first_build( callable $run ): void {
		if ( $this->services ) {
			$run();
			return;
		}
		$this->first_build = $run;
	}

	/**
	 * Tells whether an object of a class was built already.
	 *
	 * @param string $class The class.
	 * @return bool
	 */
	public function built( string $class ): bool {
		return isset( $this->services[ $class ] );
	}

	/**
	 * Replaces the object of a class (tests, and the per-request token gate).
	 *
	 * @param string $class   The class.
	 * @param object $service The object.
	 * @return void
	 */
	public function set( string $class, $service ): void {
		$this->services[ $class ] = $service;
	}

	/**
	 * Forgets the object of a class: the next get() builds a new one.
	 *
	 * @param string $class The class.
	 * @return void
	 */
	public function forget( string $class ): void {
		unset( $this->services[ $class ] );
	}

	/**
	 * Builds an object: by its factory, or from its constructor's types.
	 *
	 * @param string $class The class.
	 * @return object
	 * @throws \LogicException When a parameter can be neither built nor left to its default.
	 *
	 * @phpstan-param class-string $class
	 */
	private function build( string $class ) {
		if ( null !== $this->first_build ) {
			$run               = $this->first_build;
			$this->first_build = null;
			$run();
		}
		if ( isset( $this->factories[ $class ] ) ) {
			return ( $this->factories[ $class ] )( $this );
		}
		$constructor = ( new \ReflectionClass( $class ) )->getConstructor();
		$arguments   = array();
		foreach ( null === $constructor ? array() : $constructor->getParameters() as $parameter ) {
			$type = $parameter->getType();
			if ( $type instanceof \ReflectionNamedType && ! $type->isBuiltin() ) {
				/**
				 * A class or interface: not a builtin type.
				 *
				 * @var class-string $dependency
				 */
				$dependency  = $type->getName();
				$arguments[] = $this->get( $dependency );
			} elseif ( $parameter->isDefaultValueAvailable() ) {
				$arguments[] = $parameter->getDefaultValue();
			} else {
				throw new \LogicException( sprintf( 'Auth Sentinel cannot build %s: give it a factory for $%s.', $class, $parameter->getName() ) );
			}
		}
		return new $class( ...$arguments );
	}
}
