import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

export class RaiaAgentApi implements ICredentialType {
	name = 'raiaAgentApi';

	displayName = 'Raia Agent API';

	icon = { light: 'file:../nodes/Raia/raia.svg', dark: 'file:../nodes/Raia/raia.dark.svg' } as const;

	documentationUrl = 'https://api.raia2.com/api/external/docs';

	properties: INodeProperties[] = [
		{
			displayName: 'Agent Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Secret key of one agent, from the agent settings in raia',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'US (api.raia2.com)', value: 'us' },
				{ name: 'EU (api-eu.raia2.com)', value: 'eu' },
				{ name: 'Custom', value: 'custom' },
			],
			default: 'us',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.raia2.com',
			displayOptions: { show: { region: ['custom'] } },
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'Agent-Secret-Key': '={{$credentials.secretKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.region === "eu" ? "https://api-eu.raia2.com" : $credentials.region === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : "https://api.raia2.com" }}',
			url: '/external/agents/by-api-key',
		},
	};
}
