import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

export class RaiaOrganizationApi implements ICredentialType {
	name = 'raiaOrganizationApi';

	displayName = 'Raia Organization API';

	icon = { light: 'file:../nodes/Raia/raia.svg', dark: 'file:../nodes/Raia/raia.dark.svg' } as const;

	documentationUrl = 'https://api.raia2.com/api/external/docs';

	properties: INodeProperties[] = [
		{
			displayName: 'Organization Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Secret key of your organization, from the organization settings in raia (needed to create or update agents, list agent roles and platform users)',
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
		properties: { headers: { 'Organization-Secret-Key': '={{$credentials.secretKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.region === "eu" ? "https://api-eu.raia2.com" : $credentials.region === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : "https://api.raia2.com" }}',
			url: '/external/agent-roles/by-api-key',
		},
	};
}
