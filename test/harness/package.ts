// Every node and credential type of the package in one harness, for the tests that sweep the
// whole package (hostile servers, redaction) rather than one provider.
import { ConvoApi } from '../../credentials/ConvoApi.credentials';
import { RaiaAgentApi } from '../../credentials/RaiaAgentApi.credentials';
import { RaiaOrganizationApi } from '../../credentials/RaiaOrganizationApi.credentials';
import { TimelyAiApi } from '../../credentials/TimelyAiApi.credentials';
import { VelentsAgentApi } from '../../credentials/VelentsAgentApi.credentials';
import { VelentsSupportApi } from '../../credentials/VelentsSupportApi.credentials';
import { VoxStackApi } from '../../credentials/VoxStackApi.credentials';
import { Convo } from '../../nodes/Convo/Convo.node';
import { ConvoRecordTrigger } from '../../nodes/Convo/ConvoRecordTrigger.node';
import { ConvoTrigger } from '../../nodes/Convo/ConvoTrigger.node';
import { Raia } from '../../nodes/Raia/Raia.node';
import { RaiaRecordTrigger } from '../../nodes/Raia/RaiaRecordTrigger.node';
import { RaiaTrigger } from '../../nodes/Raia/RaiaTrigger.node';
import { TimelyAi } from '../../nodes/TimelyAi/TimelyAi.node';
import { TimelyAiRecordTrigger } from '../../nodes/TimelyAi/TimelyAiRecordTrigger.node';
import { TimelyAiTrigger } from '../../nodes/TimelyAi/TimelyAiTrigger.node';
import { Velents } from '../../nodes/Velents/Velents.node';
import { VoxStack } from '../../nodes/VoxStack/VoxStack.node';
import { VoxStackRecordTrigger } from '../../nodes/VoxStack/VoxStackRecordTrigger.node';
import { VoxStackTrigger } from '../../nodes/VoxStack/VoxStackTrigger.node';
import { Harness } from './index';

/** The seven credential types. */
export const packageCredentialTypes = () => [new ConvoApi(), new VelentsAgentApi(), new VelentsSupportApi(), new VoxStackApi(), new TimelyAiApi(), new RaiaAgentApi(), new RaiaOrganizationApi()];

/** A harness with the five action nodes, the webhook triggers that call their provider and the Record Triggers. */
export function packageHarness(credentialTypes = packageCredentialTypes()): Harness {
	return new Harness(
		[
			...[new Convo(), new ConvoTrigger(), new ConvoRecordTrigger(), new Velents(), new VoxStack(), new VoxStackTrigger(), new VoxStackRecordTrigger()],
			...[new TimelyAi(), new TimelyAiTrigger(), new TimelyAiRecordTrigger(), new Raia(), new RaiaTrigger(), new RaiaRecordTrigger()],
		],
		credentialTypes,
	);
}
