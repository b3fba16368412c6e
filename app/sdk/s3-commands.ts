/**
 * The S3 commands Ferry's core sends, as light commands (./light-command.ts):
 * the same names, inputs and outputs as the SDK's, without loading it.
 * Import commands from here, not from the SDK, so that a transfer the
 * direct path carries whole never loads the SDK.
 */
import type {
  AbortMultipartUploadCommandInput,
  AbortMultipartUploadCommandOutput,
  CompleteMultipartUploadCommandInput,
  CompleteMultipartUploadCommandOutput,
  CopyObjectCommandInput,
  CopyObjectCommandOutput,
  CreateBucketCommandInput,
  CreateBucketCommandOutput,
  CreateMultipartUploadCommandInput,
  CreateMultipartUploadCommandOutput,
  DeleteBucketCommandInput,
  DeleteBucketCommandOutput,
  DeleteObjectCommandInput,
  DeleteObjectCommandOutput,
  DeleteObjectsCommandInput,
  DeleteObjectsCommandOutput,
  GetBucketVersioningCommandInput,
  GetBucketVersioningCommandOutput,
  GetObjectCommandInput,
  GetObjectCommandOutput,
  GetObjectLockConfigurationCommandInput,
  GetObjectLockConfigurationCommandOutput,
  GetObjectTaggingCommandInput,
  GetObjectTaggingCommandOutput,
  HeadBucketCommandInput,
  HeadBucketCommandOutput,
  HeadObjectCommandInput,
  HeadObjectCommandOutput,
  ListBucketsCommandInput,
  ListBucketsCommandOutput,
  ListMultipartUploadsCommandInput,
  ListMultipartUploadsCommandOutput,
  ListObjectVersionsCommandInput,
  ListObjectVersionsCommandOutput,
  ListObjectsV2CommandInput,
  ListObjectsV2CommandOutput,
  ListPartsCommandInput,
  ListPartsCommandOutput,
  PutObjectCommandInput,
  PutObjectCommandOutput,
  PutObjectTaggingCommandInput,
  PutObjectTaggingCommandOutput,
  UploadPartCommandInput,
  UploadPartCommandOutput,
  UploadPartCopyCommandInput,
  UploadPartCopyCommandOutput,
} from '@aws-sdk/client-s3';
import { lightCommand } from './light-command.js';

export const AbortMultipartUploadCommand = lightCommand<AbortMultipartUploadCommandInput, AbortMultipartUploadCommandOutput>(
  'AbortMultipartUploadCommand',
);
export type AbortMultipartUploadCommand = InstanceType<typeof AbortMultipartUploadCommand>;
export const CompleteMultipartUploadCommand = lightCommand<CompleteMultipartUploadCommandInput, CompleteMultipartUploadCommandOutput>(
  'CompleteMultipartUploadCommand',
);
export type CompleteMultipartUploadCommand = InstanceType<typeof CompleteMultipartUploadCommand>;
export const CopyObjectCommand = lightCommand<CopyObjectCommandInput, CopyObjectCommandOutput>('CopyObjectCommand');
export type CopyObjectCommand = InstanceType<typeof CopyObjectCommand>;
export const CreateBucketCommand = lightCommand<CreateBucketCommandInput, CreateBucketCommandOutput>('CreateBucketCommand');
export type CreateBucketCommand = InstanceType<typeof CreateBucketCommand>;
export const CreateMultipartUploadCommand = lightCommand<CreateMultipartUploadCommandInput, CreateMultipartUploadCommandOutput>(
  'CreateMultipartUploadCommand',
);
export type CreateMultipartUploadCommand = InstanceType<typeof CreateMultipartUploadCommand>;
export const DeleteBucketCommand = lightCommand<DeleteBucketCommandInput, DeleteBucketCommandOutput>('DeleteBucketCommand');
export type DeleteBucketCommand = InstanceType<typeof DeleteBucketCommand>;
export const DeleteObjectCommand = lightCommand<DeleteObjectCommandInput, DeleteObjectCommandOutput>('DeleteObjectCommand');
export type DeleteObjectCommand = InstanceType<typeof DeleteObjectCommand>;
export const DeleteObjectsCommand = lightCommand<DeleteObjectsCommandInput, DeleteObjectsCommandOutput>('DeleteObjectsCommand');
export type DeleteObjectsCommand = InstanceType<typeof DeleteObjectsCommand>;
export const GetBucketVersioningCommand = lightCommand<GetBucketVersioningCommandInput, GetBucketVersioningCommandOutput>(
  'GetBucketVersioningCommand',
);
export type GetBucketVersioningCommand = InstanceType<typeof GetBucketVersioningCommand>;
export const GetObjectCommand = lightCommand<GetObjectCommandInput, GetObjectCommandOutput>('GetObjectCommand');
export type GetObjectCommand = InstanceType<typeof GetObjectCommand>;
export const GetObjectLockConfigurationCommand = lightCommand<
  GetObjectLockConfigurationCommandInput,
  GetObjectLockConfigurationCommandOutput
>('GetObjectLockConfigurationCommand');
export type GetObjectLockConfigurationCommand = InstanceType<typeof GetObjectLockConfigurationCommand>;
export const GetObjectTaggingCommand = lightCommand<GetObjectTaggingCommandInput, GetObjectTaggingCommandOutput>('GetObjectTaggingCommand');
export type GetObjectTaggingCommand = InstanceType<typeof GetObjectTaggingCommand>;
export const HeadBucketCommand = lightCommand<HeadBucketCommandInput, HeadBucketCommandOutput>('HeadBucketCommand');
export type HeadBucketCommand = InstanceType<typeof HeadBucketCommand>;
export const HeadObjectCommand = lightCommand<HeadObjectCommandInput, HeadObjectCommandOutput>('HeadObjectCommand');
export type HeadObjectCommand = InstanceType<typeof HeadObjectCommand>;
export const ListBucketsCommand = lightCommand<ListBucketsCommandInput, ListBucketsCommandOutput>('ListBucketsCommand');
export type ListBucketsCommand = InstanceType<typeof ListBucketsCommand>;
export const ListMultipartUploadsCommand = lightCommand<ListMultipartUploadsCommandInput, ListMultipartUploadsCommandOutput>(
  'ListMultipartUploadsCommand',
);
export type ListMultipartUploadsCommand = InstanceType<typeof ListMultipartUploadsCommand>;
export const ListObjectVersionsCommand = lightCommand<ListObjectVersionsCommandInput, ListObjectVersionsCommandOutput>(
  'ListObjectVersionsCommand',
);
export type ListObjectVersionsCommand = InstanceType<typeof ListObjectVersionsCommand>;
export const ListObjectsV2Command = lightCommand<ListObjectsV2CommandInput, ListObjectsV2CommandOutput>('ListObjectsV2Command');
export type ListObjectsV2Command = InstanceType<typeof ListObjectsV2Command>;
export const ListPartsCommand = lightCommand<ListPartsCommandInput, ListPartsCommandOutput>('ListPartsCommand');
export type ListPartsCommand = InstanceType<typeof ListPartsCommand>;
export const PutObjectCommand = lightCommand<PutObjectCommandInput, PutObjectCommandOutput>('PutObjectCommand');
export type PutObjectCommand = InstanceType<typeof PutObjectCommand>;
export const PutObjectTaggingCommand = lightCommand<PutObjectTaggingCommandInput, PutObjectTaggingCommandOutput>('PutObjectTaggingCommand');
export type PutObjectTaggingCommand = InstanceType<typeof PutObjectTaggingCommand>;
export const UploadPartCommand = lightCommand<UploadPartCommandInput, UploadPartCommandOutput>('UploadPartCommand');
export type UploadPartCommand = InstanceType<typeof UploadPartCommand>;
export const UploadPartCopyCommand = lightCommand<UploadPartCopyCommandInput, UploadPartCopyCommandOutput>('UploadPartCopyCommand');
export type UploadPartCopyCommand = InstanceType<typeof UploadPartCopyCommand>;
