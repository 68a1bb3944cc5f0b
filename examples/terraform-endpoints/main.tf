# examples/endpoints written in Terraform: S3 and DynamoDB gateway endpoints, an SQS interface
# endpoint and a NAT gateway in VPC endpoints-vpc (10.2.0.0/16, us-east-1).
# `terraform plan -out tfplan && terraform show -json tfplan > plan.json` gives plan.json.

terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.70" }
  }
}

provider "aws" {
  region = "us-east-1"
}

variable "ami_id" {
  type    = string
  default = "ami-0abcdef1234567890"
}

# The AWS-managed prefix lists of the two gateway-endpoint services (read while planning).
data "aws_prefix_list" "s3" {
  name = "com.amazonaws.us-east-1.s3"
}

data "aws_prefix_list" "dynamodb" {
  name = "com.amazonaws.us-east-1.dynamodb"
}

resource "aws_vpc" "main" {
  cidr_block = "10.2.0.0/16"
  tags       = { Name = "endpoints-vpc" }
}

resource "aws_subnet" "public" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.2.0.0/24"
  availability_zone       = "us-east-1a"
  map_public_ip_on_launch = true
  tags                    = { Name = "public-subnet" }
}

resource "aws_subnet" "private" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.2.1.0/24"
  availability_zone = "us-east-1a"
  tags              = { Name = "private-subnet" }
}

resource "aws_subnet" "data" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.2.2.0/24"
  availability_zone = "us-east-1a"
  tags              = { Name = "data-subnet" }
}

resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.main.id
  tags   = { Name = "endpoints-igw" }
}

resource "aws_eip" "nat" {
  domain = "vpc"
  tags   = { Name = "natgw-1-eip" }
}

resource "aws_nat_gateway" "nat" {
  subnet_id     = aws_subnet.public.id
  allocation_id = aws_eip.nat.id
  private_ip    = "10.2.0.57"
  tags          = { Name = "natgw-1" }
}

# The main table: local only, plus the DynamoDB endpoint route (data-subnet uses it implicitly).
resource "aws_default_route_table" "main" {
  default_route_table_id = aws_vpc.main.default_route_table_id
  tags                   = { Name = "main-rt" }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
  tags = { Name = "public-rt" }
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.nat.id
  }
  tags = { Name = "private-rt" }
}

resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table_association" "private" {
  subnet_id      = aws_subnet.private.id
  route_table_id = aws_route_table.private.id
}

# Gateway endpoints: S3 on private-rt (route_table_ids), DynamoDB on main-rt (association resource).
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = data.aws_prefix_list.s3.name
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.private.id]
  tags              = { Name = "s3-endpoint" }
}

resource "aws_vpc_endpoint" "dynamodb" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-1.dynamodb"
  vpc_endpoint_type = "Gateway"
  tags              = { Name = "dynamodb-endpoint" }
}

resource "aws_vpc_endpoint_route_table_association" "dynamodb_main" {
  vpc_endpoint_id = aws_vpc_endpoint.dynamodb.id
  route_table_id  = aws_default_route_table.main.id
}

resource "aws_security_group" "svc" {
  name   = "svc-sg"
  vpc_id = aws_vpc.main.id
  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "batch" {
  name   = "batch-sg"
  vpc_id = aws_vpc.main.id
  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "endpoint" {
  name   = "endpoint-sg"
  vpc_id = aws_vpc.main.id
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# Interface endpoint: one interface in private-subnet, at a fixed address.
resource "aws_vpc_endpoint" "sqs" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.us-east-1.sqs"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.private.id]
  security_group_ids  = [aws_security_group.endpoint.id]
  private_dns_enabled = true
  subnet_configuration {
    subnet_id = aws_subnet.private.id
    ipv4      = "10.2.1.45"
  }
  tags = { Name = "sqs-endpoint" }
}

resource "aws_instance" "svc" {
  ami                    = var.ami_id
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.private.id
  private_ip             = "10.2.1.10"
  vpc_security_group_ids = [aws_security_group.svc.id]
  tags                   = { Name = "svc-1" }
}

resource "aws_instance" "batch" {
  ami                    = var.ami_id
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.data.id
  private_ip             = "10.2.2.10"
  vpc_security_group_ids = [aws_security_group.batch.id]
  tags                   = { Name = "batch-1" }
}
