/*M!999999\- enable the sandbox mode */ 
-- MariaDB dump 10.19  Distrib 10.11.18-MariaDB, for debian-linux-gnu (x86_64)
--
-- Host: localhost    Database: shop
-- ------------------------------------------------------
-- Server version	10.11.18-MariaDB-0+deb12u1

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

--
-- Current Database: `shop`
--

CREATE DATABASE /*!32312 IF NOT EXISTS*/ `shop` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci */;

USE `shop`;

--
-- Sequence structure for `s1`
--

DROP SEQUENCE IF EXISTS `s1`;
CREATE SEQUENCE `s1` start with 1 minvalue 1 maxvalue 9223372036854775806 increment by 1 cache 1000 nocycle ENGINE=InnoDB;
DO SETVAL(`s1`, 1, 0);

--
-- Table structure for table `Odd ``Name```
--

DROP TABLE IF EXISTS `Odd ``Name```;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `Odd ``Name``` (
  `v` text DEFAULT NULL,
  `b` blob DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `Odd ``Name```
--

LOCK TABLES `Odd ``Name``` WRITE;
/*!40000 ALTER TABLE `Odd ``Name``` DISABLE KEYS */;
INSERT INTO `Odd ``Name``` VALUES
('it\'s (a) test; ok','\0ˇ\n\r\\\'\",();'),
('back\\slash\\','x'),
('new\nline\r\n',NULL),
('),(','\'),(\''),
('',''),
(NULL,NULL),
('\\','\\\\');
/*!40000 ALTER TABLE `Odd ``Name``` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `a.b`
--

DROP TABLE IF EXISTS `a.b`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `a.b` (
  `c.d` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `a.b`
--

LOCK TABLES `a.b` WRITE;
/*!40000 ALTER TABLE `a.b` DISABLE KEYS */;
INSERT INTO `a.b` VALUES
(1),
(2);
/*!40000 ALTER TABLE `a.b` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `bin`
--

DROP TABLE IF EXISTS `bin`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `bin` (
  `b` varbinary(300) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `bin`
--

LOCK TABLES `bin` WRITE;
/*!40000 ALTER TABLE `bin` DISABLE KEYS */;
INSERT INTO `bin` VALUES
('\''),
('\\'),
('\\\''),
('\0'),
('\'\\'),
('\0	\n\r\Z !\"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»… ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ');
/*!40000 ALTER TABLE `bin` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `empty_one`
--

DROP TABLE IF EXISTS `empty_one`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `empty_one` (
  `x` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `empty_one`
--

LOCK TABLES `empty_one` WRITE;
/*!40000 ALTER TABLE `empty_one` DISABLE KEYS */;
/*!40000 ALTER TABLE `empty_one` ENABLE KEYS */;
UNLOCK TABLES;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb3 */ ;
/*!50003 SET character_set_results = utf8mb3 */ ;
/*!50003 SET collation_connection  = utf8mb3_general_ci */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 trigger trg after insert on empty_one for each row
INSERT INTO `log` VALUES (1),(2) 
*/;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;

--
-- Table structure for table `items`
--

DROP TABLE IF EXISTS `items`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `items` (
  `id` int(11) NOT NULL,
  `name` text DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `items`
--

LOCK TABLES `items` WRITE;
/*!40000 ALTER TABLE `items` DISABLE KEYS */;
INSERT INTO `items` VALUES
(1,'item 1'),
(2,'item 2'),
(3,'item 3'),
(4,'item 4'),
(5,'item 5'),
(6,'item 6'),
(7,'item 7'),
(8,'item 8'),
(9,'item 9'),
(10,'item 10'),
(11,'item 11'),
(12,'item 12'),
(13,'item 13'),
(14,'item 14'),
(15,'item 15'),
(16,'item 16'),
(17,'item 17'),
(18,'item 18'),
(19,'item 19'),
(20,'item 20'),
(21,'item 21'),
(22,'item 22'),
(23,'item 23'),
(24,'item 24'),
(25,'item 25'),
(26,'item 26'),
(27,'item 27'),
(28,'item 28'),
(29,'item 29'),
(30,'item 30'),
(31,'item 31'),
(32,'item 32'),
(33,'item 33'),
(34,'item 34'),
(35,'item 35'),
(36,'item 36'),
(37,'item 37'),
(38,'item 38'),
(39,'item 39'),
(40,'item 40'),
(41,'item 41'),
(42,'item 42'),
(43,'item 43'),
(44,'item 44'),
(45,'item 45'),
(46,'item 46'),
(47,'item 47'),
(48,'item 48'),
(49,'item 49'),
(50,'item 50'),
(51,'item 51'),
(52,'item 52'),
(53,'item 53'),
(54,'item 54'),
(55,'item 55'),
(56,'item 56'),
(57,'item 57'),
(58,'item 58'),
(59,'item 59'),
(60,'item 60'),
(61,'item 61'),
(62,'item 62'),
(63,'item 63'),
(64,'item 64'),
(65,'item 65'),
(66,'item 66'),
(67,'item 67'),
(68,'item 68'),
(69,'item 69'),
(70,'item 70'),
(71,'item 71'),
(72,'item 72'),
(73,'item 73'),
(74,'item 74'),
(75,'item 75'),
(76,'item 76'),
(77,'item 77'),
(78,'item 78'),
(79,'item 79'),
(80,'item 80'),
(81,'item 81'),
(82,'item 82'),
(83,'item 83'),
(84,'item 84'),
(85,'item 85'),
(86,'item 86'),
(87,'item 87'),
(88,'item 88'),
(89,'item 89'),
(90,'item 90'),
(91,'item 91'),
(92,'item 92'),
(93,'item 93'),
(94,'item 94'),
(95,'item 95'),
(96,'item 96'),
(97,'item 97'),
(98,'item 98'),
(99,'item 99'),
(100,'item 100'),
(101,'item 101'),
(102,'item 102'),
(103,'item 103'),
(104,'item 104'),
(105,'item 105'),
(106,'item 106'),
(107,'item 107'),
(108,'item 108'),
(109,'item 109'),
(110,'item 110'),
(111,'item 111'),
(112,'item 112'),
(113,'item 113'),
(114,'item 114'),
(115,'item 115'),
(116,'item 116'),
(117,'item 117'),
(118,'item 118'),
(119,'item 119'),
(120,'item 120'),
(121,'item 121'),
(122,'item 122'),
(123,'item 123'),
(124,'item 124'),
(125,'item 125'),
(126,'item 126'),
(127,'item 127'),
(128,'item 128'),
(129,'item 129'),
(130,'item 130'),
(131,'item 131'),
(132,'item 132'),
(133,'item 133'),
(134,'item 134'),
(135,'item 135'),
(136,'item 136'),
(137,'item 137'),
(138,'item 138'),
(139,'item 139'),
(140,'item 140'),
(141,'item 141'),
(142,'item 142'),
(143,'item 143'),
(144,'item 144'),
(145,'item 145'),
(146,'item 146'),
(147,'item 147'),
(148,'item 148'),
(149,'item 149'),
(150,'item 150'),
(151,'item 151'),
(152,'item 152'),
(153,'item 153'),
(154,'item 154'),
(155,'item 155'),
(156,'item 156'),
(157,'item 157'),
(158,'item 158'),
(159,'item 159'),
(160,'item 160'),
(161,'item 161'),
(162,'item 162'),
(163,'item 163'),
(164,'item 164'),
(165,'item 165'),
(166,'item 166'),
(167,'item 167'),
(168,'item 168'),
(169,'item 169'),
(170,'item 170'),
(171,'item 171'),
(172,'item 172'),
(173,'item 173'),
(174,'item 174'),
(175,'item 175'),
(176,'item 176'),
(177,'item 177'),
(178,'item 178'),
(179,'item 179'),
(180,'item 180'),
(181,'item 181'),
(182,'item 182'),
(183,'item 183'),
(184,'item 184'),
(185,'item 185'),
(186,'item 186'),
(187,'item 187'),
(188,'item 188'),
(189,'item 189'),
(190,'item 190'),
(191,'item 191'),
(192,'item 192'),
(193,'item 193'),
(194,'item 194'),
(195,'item 195'),
(196,'item 196'),
(197,'item 197'),
(198,'item 198'),
(199,'item 199'),
(200,'item 200'),
(201,'item 201'),
(202,'item 202'),
(203,'item 203'),
(204,'item 204'),
(205,'item 205'),
(206,'item 206'),
(207,'item 207'),
(208,'item 208'),
(209,'item 209'),
(210,'item 210'),
(211,'item 211'),
(212,'item 212'),
(213,'item 213'),
(214,'item 214'),
(215,'item 215'),
(216,'item 216'),
(217,'item 217'),
(218,'item 218'),
(219,'item 219'),
(220,'item 220'),
(221,'item 221'),
(222,'item 222'),
(223,'item 223'),
(224,'item 224'),
(225,'item 225'),
(226,'item 226'),
(227,'item 227'),
(228,'item 228'),
(229,'item 229'),
(230,'item 230'),
(231,'item 231'),
(232,'item 232'),
(233,'item 233'),
(234,'item 234'),
(235,'item 235'),
(236,'item 236'),
(237,'item 237'),
(238,'item 238'),
(239,'item 239'),
(240,'item 240'),
(241,'item 241'),
(242,'item 242'),
(243,'item 243'),
(244,'item 244'),
(245,'item 245'),
(246,'item 246'),
(247,'item 247'),
(248,'item 248'),
(249,'item 249'),
(250,'item 250'),
(251,'item 251'),
(252,'item 252'),
(253,'item 253'),
(254,'item 254'),
(255,'item 255'),
(256,'item 256'),
(257,'item 257'),
(258,'item 258'),
(259,'item 259'),
(260,'item 260'),
(261,'item 261'),
(262,'item 262'),
(263,'item 263'),
(264,'item 264'),
(265,'item 265'),
(266,'item 266'),
(267,'item 267'),
(268,'item 268'),
(269,'item 269'),
(270,'item 270'),
(271,'item 271'),
(272,'item 272'),
(273,'item 273'),
(274,'item 274'),
(275,'item 275'),
(276,'item 276'),
(277,'item 277'),
(278,'item 278'),
(279,'item 279'),
(280,'item 280'),
(281,'item 281'),
(282,'item 282'),
(283,'item 283'),
(284,'item 284'),
(285,'item 285'),
(286,'item 286'),
(287,'item 287'),
(288,'item 288'),
(289,'item 289'),
(290,'item 290'),
(291,'item 291'),
(292,'item 292'),
(293,'item 293'),
(294,'item 294'),
(295,'item 295'),
(296,'item 296'),
(297,'item 297'),
(298,'item 298'),
(299,'item 299'),
(300,'item 300');
/*!40000 ALTER TABLE `items` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `log`
--

DROP TABLE IF EXISTS `log`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `log` (
  `x` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `log`
--

LOCK TABLES `log` WRITE;
/*!40000 ALTER TABLE `log` DISABLE KEYS */;
/*!40000 ALTER TABLE `log` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `new
-- line`
--

DROP TABLE IF EXISTS `new
line`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `new
line` (
  `x` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `new
-- line`
--

LOCK TABLES `new
line` WRITE;
/*!40000 ALTER TABLE `new
line` DISABLE KEYS */;
INSERT INTO `new
line` VALUES
(1),
(2);
/*!40000 ALTER TABLE `new
line` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `parted`
--

DROP TABLE IF EXISTS `parted`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `parted` (
  `id` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci
 PARTITION BY RANGE (`id`)
(PARTITION `p0` VALUES LESS THAN (10) ENGINE = InnoDB,
 PARTITION `p1` VALUES LESS THAN MAXVALUE ENGINE = InnoDB);
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `parted`
--

LOCK TABLES `parted` WRITE;
/*!40000 ALTER TABLE `parted` DISABLE KEYS */;
INSERT INTO `parted` VALUES
(1),
(20),
(30);
/*!40000 ALTER TABLE `parted` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `select`
--

DROP TABLE IF EXISTS `select`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `select` (
  `x` varchar(100) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `select`
--

LOCK TABLES `select` WRITE;
/*!40000 ALTER TABLE `select` DISABLE KEYS */;
INSERT INTO `select` VALUES
('semi;colon'),
('INSERT INTO `items` VALUES (1,2);'),
('\"dq\"'),
('\Z\0'),
('-- Dumping data for table `x`');
/*!40000 ALTER TABLE `select` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Temporary table structure for view `v`
--

DROP TABLE IF EXISTS `v`;
/*!50001 DROP VIEW IF EXISTS `v`*/;
SET @saved_cs_client     = @@character_set_client;
SET character_set_client = utf8mb4;
/*!50001 CREATE VIEW `v` AS SELECT
 NULL AS `id`,
 NULL AS `name` */;
SET character_set_client = @saved_cs_client;

--
-- Table structure for table `vers`
--

DROP TABLE IF EXISTS `vers`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `vers` (
  `x` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci WITH SYSTEM VERSIONING;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `vers`
--

LOCK TABLES `vers` WRITE;
/*!40000 ALTER TABLE `vers` DISABLE KEYS */;
INSERT INTO `vers` VALUES
(2);
/*!40000 ALTER TABLE `vers` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `√ún√Øc√∂d√© t√†ble`
--

DROP TABLE IF EXISTS `√ún√Øc√∂d√© t√†ble`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `√ún√Øc√∂d√© t√†ble` (
  `x` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `√ún√Øc√∂d√© t√†ble`
--

LOCK TABLES `√ún√Øc√∂d√© t√†ble` WRITE;
/*!40000 ALTER TABLE `√ún√Øc√∂d√© t√†ble` DISABLE KEYS */;
INSERT INTO `√ún√Øc√∂d√© t√†ble` VALUES
(1);
/*!40000 ALTER TABLE `√ún√Øc√∂d√© t√†ble` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Dumping events for database 'shop'
--

--
-- Dumping routines for database 'shop'
--
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;
/*!50003 DROP PROCEDURE IF EXISTS `p` */;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb3 */ ;
/*!50003 SET character_set_results = utf8mb3 */ ;
/*!50003 SET collation_connection  = utf8mb3_general_ci */ ;
DELIMITER ;;
CREATE DEFINER=`root`@`localhost` PROCEDURE `p`()
begin
INSERT INTO `log` VALUES (1),(2);
end
;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;

--
-- Current Database: `other.db`
--

CREATE DATABASE /*!32312 IF NOT EXISTS*/ `other.db` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci */;

USE `other.db`;

--
-- Table structure for table `items`
--

DROP TABLE IF EXISTS `items`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `items` (
  `id` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `items`
--

LOCK TABLES `items` WRITE;
/*!40000 ALTER TABLE `items` DISABLE KEYS */;
INSERT INTO `items` VALUES
(7),
(8),
(9);
/*!40000 ALTER TABLE `items` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `nothing`
--

DROP TABLE IF EXISTS `nothing`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `nothing` (
  `id` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `nothing`
--

LOCK TABLES `nothing` WRITE;
/*!40000 ALTER TABLE `nothing` DISABLE KEYS */;
/*!40000 ALTER TABLE `nothing` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Dumping events for database 'other.db'
--

--
-- Dumping routines for database 'other.db'
--

--
-- Current Database: `shop`
--

USE `shop`;

--
-- Final view structure for view `v`
--

/*!50001 DROP VIEW IF EXISTS `v`*/;
/*!50001 SET @saved_cs_client          = @@character_set_client */;
/*!50001 SET @saved_cs_results         = @@character_set_results */;
/*!50001 SET @saved_col_connection     = @@collation_connection */;
/*!50001 SET character_set_client      = utf8mb3 */;
/*!50001 SET character_set_results     = utf8mb3 */;
/*!50001 SET collation_connection      = utf8mb3_general_ci */;
/*!50001 CREATE ALGORITHM=UNDEFINED */
/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */
/*!50001 VIEW `v` AS select `items`.`id` AS `id`,`items`.`name` AS `name` from `items` */;
/*!50001 SET character_set_client      = @saved_cs_client */;
/*!50001 SET character_set_results     = @saved_cs_results */;
/*!50001 SET collation_connection      = @saved_col_connection */;

--
-- Current Database: `other.db`
--

USE `other.db`;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

-- Dump completed on 2026-12-01  2:54:04
