/** Unit tests run through n8n-core's engine against the simulators (see test/harness). */
module.exports = {
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			setupFiles: ['<rootDir>/test/harness/env.js'],
			testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
			transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
		},
	],
	testTimeout: 30000,
};
