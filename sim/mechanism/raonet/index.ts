/**
 * The `raonet` runtime profile: subtensor spec 218, the dTAO prototype at commit `1629c559b`
 * whose wasm is in the raonet chain spec (mechanism.md §0). See `README.md` in this folder.
 */
import { raonetBlockStep } from './coinbase.ts';
import { raonetGenesis } from './genesis.ts';
import { burnedRegister, registerNetwork } from './registration.ts';
import { addStake, moveStake, removeStake } from './stake.ts';
import { RAONET } from './types.ts';

export * from './types.ts';
export { raonetBlockStep, runCoinbase, epochMock, getParentDividends } from './coinbase.ts';
export { quoteTaoForAlpha, quoteAlphaForTao, swapTaoForAlpha, swapAlphaForTao } from './pool.ts';
export {
  getStakeForHotkeyAndColdkeyOnSubnet,
  increaseStakeForHotkeyOnSubnet,
  decreaseStakeForHotkeyOnSubnet,
  increaseStakeForHotkeyAndColdkeyOnSubnet,
  decreaseStakeForHotkeyAndColdkeyOnSubnet,
  inheritedForHotkeyOnSubnet,
  stakeWeights,
  stakeIntoSubnet,
  unstakeFromSubnet,
  addStake,
  removeStake,
  moveStake,
} from './stake.ts';
export type {
  DecreaseStakeOutcome,
  StakeWeights,
  AddStakeInput,
  AddStakeOutput,
  AddStakeErrorType,
  RemoveStakeInput,
  RemoveStakeOutput,
  RemoveStakeErrorType,
  MoveStakeInput,
  MoveStakeOutput,
  MoveStakeErrorType,
} from './stake.ts';
export {
  burnedRegister,
  registerNetwork,
  networkLockCost,
  adjustRegistrationTermsForNetworks,
  upgradedValue,
  registerNeuron,
  appendNeuron,
  getNeuronToPrune,
  newSubnetHyperparameters,
  defaultSubnetExtras,
} from './registration.ts';
export type {
  BurnedRegisterInput,
  BurnedRegisterOutput,
  BurnedRegisterErrorType,
  RegisterNetworkInput,
  RegisterNetworkOutput,
  RegisterNetworkErrorType,
} from './registration.ts';
export { raonetGenesis, raonetEmpty, raonetParams, raonetDefaultHyperparameters, RAONET_GENESIS_ENDOWED_TOTAL } from './genesis.ts';
export type { RaonetGenesisOptions } from './genesis.ts';
export { addSyntheticSubnet, ensureRoot, setChildkey, stakeDirect } from './fixtures.ts';
export type { SyntheticSubnet, SyntheticNeuron } from './fixtures.ts';

/**
 * The profile as one value: identity, genesis, the block and the extrinsics.
 *
 * @example
 * ```ts
 * import { exactArith } from '../../math/arith.ts';
 * import { raonetProfile } from './index.ts';
 * const s = raonetProfile.genesis(exactArith);
 * raonetProfile.blockStep(exactArith, s);
 * ```
 */
export const raonetProfile = {
  name: 'raonet',
  specVersion: RAONET.specVersion,
  commit: RAONET.commit,
  genesis: raonetGenesis,
  blockStep: raonetBlockStep,
  addStake,
  removeStake,
  moveStake,
  burnedRegister,
  registerNetwork,
} as const;
