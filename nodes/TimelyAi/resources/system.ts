import { timelyResource } from '../schema';

export const system = timelyResource('system', [
	{ value: 'health', name: 'Health Check', action: 'Check the API health', description: 'Check that the API is up (needs no scope)', method: 'GET', path: '/v1/health' },
	{ value: 'me', name: 'Get API Key Info', action: 'Get API key info', description: 'Get the company, workspace and scopes of the API key', method: 'GET', path: '/v1/me' },
]);
