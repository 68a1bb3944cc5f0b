# examples/transit-gateway written in Terraform: three VPCs on one transit gateway with two route
# tables. shared reaches everyone; dev and prod reach shared but not each other; dev's attachment
# has no subnet in us-east-1b; rt-isolated blackholes prod's legacy subnet.
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

resource "aws_ec2_transit_gateway" "hub" {
  description                     = "shared services hub with isolated dev and prod"
  amazon_side_asn                 = 64513
  default_route_table_association = "disable"
  default_route_table_propagation = "disable"
  tags                            = { Name = "hub-tgw" }
}

resource "aws_vpc" "shared" {
  cidr_block = "10.30.0.0/16"
  tags       = { Name = "shared-vpc" }
}

resource "aws_subnet" "shared_a" {
  vpc_id            = aws_vpc.shared.id
  cidr_block        = "10.30.1.0/24"
  availability_zone = "us-east-1a"
  tags              = { Name = "shared-subnet-a" }
}

resource "aws_subnet" "shared_b" {
  vpc_id            = aws_vpc.shared.id
  cidr_block        = "10.30.2.0/24"
  availability_zone = "us-east-1b"
  tags              = { Name = "shared-subnet-b" }
}

resource "aws_route_table" "shared" {
  vpc_id = aws_vpc.shared.id
  route {
    cidr_block         = "10.0.0.0/8"
    transit_gateway_id = aws_ec2_transit_gateway.hub.id
  }
  tags = { Name = "shared-rt" }
}

resource "aws_route_table_association" "shared_a" {
  subnet_id      = aws_subnet.shared_a.id
  route_table_id = aws_route_table.shared.id
}

resource "aws_route_table_association" "shared_b" {
  subnet_id      = aws_subnet.shared_b.id
  route_table_id = aws_route_table.shared.id
}

resource "aws_security_group" "shared_app" {
  name   = "shared-app-sg"
  vpc_id = aws_vpc.shared.id
  ingress {
    description = "private networks"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["10.0.0.0/8", "192.168.0.0/16"]
  }
  ingress {
    description = "private networks"
    protocol    = "icmp"
    from_port   = -1
    to_port     = -1
    cidr_blocks = ["10.0.0.0/8", "192.168.0.0/16"]
  }
  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "shared_1" {
  ami                    = var.ami_id
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.shared_a.id
  private_ip             = "10.30.1.10"
  vpc_security_group_ids = [aws_security_group.shared_app.id]
  tags                   = { Name = "shared-1" }
}

resource "aws_ec2_transit_gateway_vpc_attachment" "shared" {
  transit_gateway_id = aws_ec2_transit_gateway.hub.id
  vpc_id             = aws_vpc.shared.id
  subnet_ids         = [aws_subnet.shared_a.id, aws_subnet.shared_b.id]
  # the associations and propagations below replace the default route table's
  transit_gateway_default_route_table_association = false
  transit_gateway_default_route_table_propagation = false
  tags = { Name = "shared-attachment" }
}

resource "aws_vpc" "dev" {
  cidr_block = "10.31.0.0/16"
  tags       = { Name = "dev-vpc" }
}

resource "aws_subnet" "dev_a" {
  vpc_id            = aws_vpc.dev.id
  cidr_block        = "10.31.1.0/24"
  availability_zone = "us-east-1a"
  tags              = { Name = "dev-subnet-a" }
}

resource "aws_subnet" "dev_b" {
  vpc_id            = aws_vpc.dev.id
  cidr_block        = "10.31.2.0/24"
  availability_zone = "us-east-1b"
  tags              = { Name = "dev-subnet-b" }
}

resource "aws_route_table" "dev" {
  vpc_id = aws_vpc.dev.id
  route {
    cidr_block         = "10.0.0.0/8"
    transit_gateway_id = aws_ec2_transit_gateway.hub.id
  }
  tags = { Name = "dev-rt" }
}

resource "aws_route_table_association" "dev_a" {
  subnet_id      = aws_subnet.dev_a.id
  route_table_id = aws_route_table.dev.id
}

resource "aws_route_table_association" "dev_b" {
  subnet_id      = aws_subnet.dev_b.id
  route_table_id = aws_route_table.dev.id
}

resource "aws_security_group" "dev_app" {
  name   = "dev-app-sg"
  vpc_id = aws_vpc.dev.id
  ingress {
    description = "private networks"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["10.0.0.0/8", "192.168.0.0/16"]
  }
  ingress {
    description = "private networks"
    protocol    = "icmp"
    from_port   = -1
    to_port     = -1
    cidr_blocks = ["10.0.0.0/8", "192.168.0.0/16"]
  }
  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "dev_1" {
  ami                    = var.ami_id
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.dev_a.id
  private_ip             = "10.31.1.10"
  vpc_security_group_ids = [aws_security_group.dev_app.id]
  tags                   = { Name = "dev-1" }
}

resource "aws_instance" "dev_b" {
  ami                    = var.ami_id
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.dev_b.id
  private_ip             = "10.31.2.10"
  vpc_security_group_ids = [aws_security_group.dev_app.id]
  tags                   = { Name = "dev-b" }
}

resource "aws_ec2_transit_gateway_vpc_attachment" "dev" {
  transit_gateway_id = aws_ec2_transit_gateway.hub.id
  vpc_id             = aws_vpc.dev.id
  subnet_ids         = [aws_subnet.dev_a.id]
  # the associations and propagations below replace the default route table's
  transit_gateway_default_route_table_association = false
  transit_gateway_default_route_table_propagation = false
  tags = { Name = "dev-attachment" }
}

resource "aws_vpc" "prod" {
  cidr_block = "10.32.0.0/16"
  tags       = { Name = "prod-vpc" }
}

resource "aws_subnet" "prod_a" {
  vpc_id            = aws_vpc.prod.id
  cidr_block        = "10.32.1.0/24"
  availability_zone = "us-east-1a"
  tags              = { Name = "prod-subnet-a" }
}

resource "aws_subnet" "prod_b" {
  vpc_id            = aws_vpc.prod.id
  cidr_block        = "10.32.2.0/24"
  availability_zone = "us-east-1b"
  tags              = { Name = "prod-subnet-b" }
}

resource "aws_subnet" "prod_legacy" {
  vpc_id            = aws_vpc.prod.id
  cidr_block        = "10.32.99.0/24"
  availability_zone = "us-east-1a"
  tags              = { Name = "prod-subnet-legacy" }
}

resource "aws_route_table" "prod" {
  vpc_id = aws_vpc.prod.id
  route {
    cidr_block         = "10.0.0.0/8"
    transit_gateway_id = aws_ec2_transit_gateway.hub.id
  }
  tags = { Name = "prod-rt" }
}

resource "aws_route_table_association" "prod_a" {
  subnet_id      = aws_subnet.prod_a.id
  route_table_id = aws_route_table.prod.id
}

resource "aws_route_table_association" "prod_b" {
  subnet_id      = aws_subnet.prod_b.id
  route_table_id = aws_route_table.prod.id
}

resource "aws_route_table_association" "prod_legacy" {
  subnet_id      = aws_subnet.prod_legacy.id
  route_table_id = aws_route_table.prod.id
}

resource "aws_security_group" "prod_app" {
  name   = "prod-app-sg"
  vpc_id = aws_vpc.prod.id
  ingress {
    description = "private networks"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["10.0.0.0/8", "192.168.0.0/16"]
  }
  ingress {
    description = "private networks"
    protocol    = "icmp"
    from_port   = -1
    to_port     = -1
    cidr_blocks = ["10.0.0.0/8", "192.168.0.0/16"]
  }
  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "prod_1" {
  ami                    = var.ami_id
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.prod_a.id
  private_ip             = "10.32.1.10"
  vpc_security_group_ids = [aws_security_group.prod_app.id]
  tags                   = { Name = "prod-1" }
}

resource "aws_instance" "prod_b" {
  ami                    = var.ami_id
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.prod_b.id
  private_ip             = "10.32.2.10"
  vpc_security_group_ids = [aws_security_group.prod_app.id]
  tags                   = { Name = "prod-b" }
}

resource "aws_instance" "prod_legacy" {
  ami                    = var.ami_id
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.prod_legacy.id
  private_ip             = "10.32.99.10"
  vpc_security_group_ids = [aws_security_group.prod_app.id]
  tags                   = { Name = "prod-legacy" }
}

resource "aws_ec2_transit_gateway_vpc_attachment" "prod" {
  transit_gateway_id = aws_ec2_transit_gateway.hub.id
  vpc_id             = aws_vpc.prod.id
  subnet_ids         = [aws_subnet.prod_a.id, aws_subnet.prod_b.id]
  # the associations and propagations below replace the default route table's
  transit_gateway_default_route_table_association = false
  transit_gateway_default_route_table_propagation = false
  tags = { Name = "prod-attachment" }
}

resource "aws_ec2_transit_gateway_route_table" "shared" {
  transit_gateway_id = aws_ec2_transit_gateway.hub.id
  tags               = { Name = "rt-shared" }
}

resource "aws_ec2_transit_gateway_route_table" "isolated" {
  transit_gateway_id = aws_ec2_transit_gateway.hub.id
  tags               = { Name = "rt-isolated" }
}

resource "aws_ec2_transit_gateway_route_table_association" "shared_shared" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.shared.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.shared.id
}

resource "aws_ec2_transit_gateway_route_table_association" "isolated_dev" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.dev.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.isolated.id
}

resource "aws_ec2_transit_gateway_route_table_association" "isolated_prod" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.prod.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.isolated.id
}

resource "aws_ec2_transit_gateway_route_table_propagation" "shared_dev" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.dev.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.shared.id
}

resource "aws_ec2_transit_gateway_route_table_propagation" "shared_prod" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.prod.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.shared.id
}

resource "aws_ec2_transit_gateway_route_table_propagation" "isolated_shared" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.shared.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.isolated.id
}

# dev and prod must not reach prod's legacy subnet, even though shared's routes would allow it.
resource "aws_ec2_transit_gateway_route" "legacy_blackhole" {
  destination_cidr_block         = "10.32.99.0/24"
  blackhole                      = true
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.isolated.id
}
