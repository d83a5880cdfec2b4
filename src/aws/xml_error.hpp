// The error of an AWS API that answers in XML (S3's REST API, SNS's query
// protocol): <Error><Code>NoSuchBucket</Code><Message>...</Message></Error>
// as "NoSuchBucket: ...", or the first bytes of a body without one.
#pragma once

#include <string>

namespace kinesisd::aws {

std::string xml_error(const std::string& body);

}  // namespace kinesisd::aws
