import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { RAIA_BASE_URL, raiaBaseUrl, regionProperties } from '../nodes/Raia/api';
import { authenticateWith, keyHeader } from '../nodes/shared/credentials';

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
		...regionProperties,
	];

	authenticate = authenticateWith({ baseUrl: raiaBaseUrl, headers: keyHeader('Agent-Secret-Key', 'secretKey') });

	test: ICredentialTestRequest = {
		request: {
			baseURL: RAIA_BASE_URL,
			url: '/external/agents/by-api-key',
		},
	};
}
