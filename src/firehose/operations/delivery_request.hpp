// A CreateDeliveryStream (or UpdateDestination) input read into what kinesisd
// runs (firehose/delivery/delivery_config.hpp): the S3 destination, extended or not,
// with AWS's defaults; what kinesisd cannot serve — MSK or database sources,
// destinations other than S3, compression other than GZIP, S3 without
// --s3-dir — is refused with InvalidArgumentException saying so.
#pragma once

#include "firehose/delivery/delivery_config.hpp"
#include "firehose/operations/operation.hpp"

namespace kinesisd::firehose {

protocol::Outcome<delivery::DeliveryConfig> read_create(const Context& ctx, const json& input);
// UpdateDestination's ExtendedS3DestinationUpdate / S3DestinationUpdate over
// the current destination.
protocol::Outcome<delivery::S3Destination> read_update(const Context& ctx, const json& input,
                                                       const delivery::S3Destination& current);

}  // namespace kinesisd::firehose
