package io.hivewire.s3;

/**
 * The S3 API operations hivewire sends, with the name S3 gives them and the IAM permission each one
 * needs; error messages and request counts use both.
 */
enum S3Operation {
  LIST_OBJECTS("ListObjectsV2", "s3:ListBucket"),
  HEAD_OBJECT("HeadObject", "s3:GetObject"),
  GET_OBJECT("GetObject", "s3:GetObject"),
  PUT_OBJECT("PutObject", "s3:PutObject"),
  DELETE_OBJECT("DeleteObject", "s3:DeleteObject"),
  HEAD_BUCKET("HeadBucket", "s3:ListBucket"),
  CREATE_BUCKET("CreateBucket", "s3:CreateBucket"),
  GET_BUCKET_LOCATION("GetBucketLocation", "s3:GetBucketLocation"),
  CREATE_MULTIPART_UPLOAD("CreateMultipartUpload", "s3:PutObject"),
  UPLOAD_PART("UploadPart", "s3:PutObject"),
  COMPLETE_MULTIPART_UPLOAD("CompleteMultipartUpload", "s3:PutObject"),
  ABORT_MULTIPART_UPLOAD("AbortMultipartUpload", "s3:AbortMultipartUpload"),
  LIST_MULTIPART_UPLOADS("ListMultipartUploads", "s3:ListBucketMultipartUploads");

  private final String apiName;
  private final String permission;

  S3Operation(String apiName, String permission) {
    this.apiName = apiName;
    this.permission = permission;
  }

  /** The operation's name in the S3 API, e.g. {@code ListObjectsV2}. */
  String apiName() {
    return apiName;
  }

  /** The IAM action the caller needs for this operation, e.g. {@code s3:ListBucket}. */
  String permission() {
    return permission;
  }

  /** Whether the operation writes an object, so that a KMS key is used to encrypt. */
  boolean writes() {
    return permission.equals("s3:PutObject");
  }
}
