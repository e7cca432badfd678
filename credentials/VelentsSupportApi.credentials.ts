import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { authenticateWith, baseUrlField, bearerWithFormat } from '../nodes/shared/credentials';

/** AppName_tenantId_PersonalAccessToken_plainTextToken: four parts joined by underscores. */
const TENANT_TOKEN_FORMAT = /^[^_\s]+_[^_\s]+_[^_\s]+_\S+$/;

export class VelentsSupportApi implements ICredentialType {
	name = 'velentsSupportApi';

	displayName = 'Velents Support Center API';

	icon = { light: 'file:../nodes/Velents/velents.svg', dark: 'file:../nodes/Velents/velents.dark.svg' } as const;

	documentationUrl = 'https://bump.sh/agentsa/doc/agentsa';

	properties: INodeProperties[] = [
		{
			displayName: 'Tenant Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'AppName_tenantId_PersonalAccessToken_plainTextToken',
			description: 'Support Center token issued by your Velents administrator; it carries the abilities the operations need',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://velents-agents.velents.ai',
		},
	];

	authenticate = authenticateWith({
		baseUrl: baseUrlField,
		headers: bearerWithFormat(
			TENANT_TOKEN_FORMAT,
			'The Support Center token must look like AppName_tenantId_PersonalAccessToken_plainTextToken (four parts joined by underscores). Ask your Velents administrator for the full token.',
		),
	});

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/Company/TenantAuth/me',
		},
	};
}
