/**
 * ESLint flat config: the @wordpress/scripts default (which already parses
 * .ts/.tsx with typescript-eslint and applies the WordPress TypeScript rules),
 * plus this plugin's text domain and the Jest/Playwright rules for TypeScript
 * test files, which the default only applies to .js/.jsx.
 */
const defaultConfig = require( '@wordpress/scripts/config/eslint.config.cjs' );
const wpPlugin = require( '@wordpress/eslint-plugin' );

module.exports = [
	...defaultConfig,
	{
		rules: {
			'@wordpress/i18n-text-domain': [
				'error',
				{ allowedTextDomain: 'auth-sentinel' },
			],
		},
	},
	...wpPlugin.configs[ 'test-unit' ].map( ( config ) => ( {
		...config,
		files: [
			'**/@(test|__tests__)/**/*.{ts,tsx}',
			'**/?(*.)test.{ts,tsx}',
		],
	} ) ),
	...wpPlugin.configs[ 'test-playwright' ].map( ( config ) => ( {
		...config,
		files: [ 'tests/e2e/**/*.{js,ts}', 'bench/**/*.{js,ts}' ],
	} ) ),
];
