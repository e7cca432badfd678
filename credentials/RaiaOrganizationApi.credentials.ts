import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { RAIA_BASE_URL, regionProperties } from '../nodes/Raia/api';

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
		...regionProperties,
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'Organization-Secret-Key': '={{$credentials.secretKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: RAIA_BASE_URL,
			url: '/external/agent-roles/by-api-key',
		},
	};
}
