import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { authenticateWith, baseUrlField, bearer } from '../nodes/shared/credentials';

export class VelentsAgentApi implements ICredentialType {
	name = 'velentsAgentApi';

	displayName = 'Velents Agent.sa API';

	icon = { light: 'file:../nodes/Velents/velents.svg', dark: 'file:../nodes/Velents/velents.dark.svg' } as const;

	documentationUrl = 'https://bump.sh/agentsa/doc/agentsa';

	properties: INodeProperties[] = [
		{
			displayName: 'Agent Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Token of one agent, generated in the Agent.sa dashboard (one token per agent)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://velents-agents.velents.ai',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. When set, Dispatch and Dispatch Batch add it to the webhook headers (X-Webhook-Secret) and the Velents Trigger accepts only deliveries that carry it. Use a long random value.',
		},
	];

	authenticate = authenticateWith({ baseUrl: baseUrlField, headers: bearer('token') });

	// Agent.sa has no read endpoint. An empty batch is refused with 422 when the token is valid
	// and never starts a conversation; a bad token gets Laravel's 401 body, which n8n's tester
	// can only see through a body rule (its status-code rules apply to thrown requests only).
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/Integration/Agent/Batch',
			method: 'POST',
			body: {},
			// Every status but a redirect: redirects are never followed (nor taken for success).
			ignoreHttpStatusErrors: { ignore: true, except: [301, 302, 303, 307, 308] },
		},
		rules: [
			{ type: 'responseSuccessBody', properties: { key: 'message', value: 'Unauthenticated.', message: 'The agent token was rejected by Velents' } },
			{ type: 'responseSuccessBody', properties: { key: 'message', value: 'This action is unauthorized.', message: 'The agent token is not allowed to dispatch conversations' } },
		],
	};
}
