import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { RAIA_BASE_URL, raiaBaseUrl, regionProperties } from '../nodes/Raia/api';
import { authenticateWith, keyHeader } from '../nodes/shared/credentials';

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

	authenticate = authenticateWith({ baseUrl: raiaBaseUrl, headers: keyHeader('Organization-Secret-Key', 'secretKey') });

	test: ICredentialTestRequest = {
		request: {
			baseURL: RAIA_BASE_URL,
			url: '/external/agent-roles/by-api-key',
		},
	};
}
