import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import jsoncParser from 'jsonc-eslint-parser';

const pick = (configName) => n8nNodesBase.configs[configName].rules;

// Rules of the older plugin that contradict the community-node rules n8n's scanner runs:
// the scanner requires NodeConnectionTypes (not 'main') and full documentation URLs for
// community credentials (the camelCase slug form applies to n8n's own repository only).
const superseded = {
	'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
	'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
	'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
};

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'bench/**', 'scripts/**', '*.js', '*.mjs'] },
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: pick('community'),
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: tsParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...pick('credentials'), ...superseded },
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: { parser: tsParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...pick('nodes'), ...superseded },
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		languageOptions: { parser: tsParser },
		plugins: communityNodes.configs.recommended.plugins,
		// n8n's scanner adds no-console to the community-node rules.
		rules: { ...communityNodes.configs.recommended.rules, 'no-console': 'error' },
	},
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		plugins: communityNodes.configs.recommended.plugins,
		rules: communityNodes.configs.recommended.rules,
	},
];
